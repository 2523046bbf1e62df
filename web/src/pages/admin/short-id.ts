/**
 * The first 8 characters of a member id (a UUID): enough to tell members apart on one screen and to read
 * out on the phone; the full id stays in the address of the member's page.
 */
export function shortId(memberId: string): string {
  return memberId.slice(0, 8);
}
