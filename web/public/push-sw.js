// Imported into the generated service worker (vite.config.ts, workbox importScripts): shows a
// newsletter's push notification and opens its page when tapped. The payload is what the server's
// newsletters module sends: { title, body, url }, url being a path of this app.
self.addEventListener('push', (event) => {
  let message = { title: 'ふるさと住民', body: '', url: '/home' };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // A push without a JSON payload still tells the person something arrived.
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: '/icons/icon-192.png',
      lang: 'ja',
      data: { url: typeof message.url === 'string' && message.url.startsWith('/') ? message.url : '/home' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? '/home';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.navigate(url).then((w) => (w ?? open).focus());
      return self.clients.openWindow(url);
    }),
  );
});
