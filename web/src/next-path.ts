/**
 * Where to go after signing in: a `?next=` path on this site, never another site. Accepts only paths
 * that start with one "/" (not "//host" or "/\host", which browsers read as another host) and that stay
 * on `origin` once resolved. Returns the path, query and fragment, or null.
 */
export function safeNextPath(next: string | null | undefined, origin: string): string | null {
  if (!next?.startsWith('/') || next.startsWith('//')) return null;
  // Control characters and backslashes have no place in a path of this app; browsers strip them or read a
  // backslash as a slash ("/\host" is another host).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  // Back to the sign-in pages would only show the form again.
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `path` afterwards ("/" needs no `next`). */
export function signInPath(path: string): string {
  if (!path || path === '/' || path.startsWith('/sign-in')) return '/sign-in';
  // Slashes stay readable (`?next=/account`); everything else that could end the parameter is encoded.
  return `/sign-in?next=${encodeURIComponent(path).replaceAll('%2F', '/')}`;
}
