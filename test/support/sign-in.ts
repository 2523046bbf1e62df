import type { FastifyInstance } from 'fastify';

export interface SignedIn {
  personId: string;
  cookies: { furusato_session: string };
  headers: { 'x-csrf-token': string };
}

/** Signs in through the real e-mail flow, reading the code from the developer mailbox. */
export async function signInByEmail(app: FastifyInstance, email: string): Promise<SignedIn> {
  const start = await app.inject({ method: 'POST', url: '/api/v1/auth/email/start', payload: { email } });
  if (start.statusCode !== 202) throw new Error(`start failed: ${start.body}`);
  const mail = await app.inject({ url: '/api/v1/dev/mail?pageSize=100' });
  const text = (mail.json() as { items: { to: string; text: string }[] }).items.find((m) => m.to === email)?.text;
  const code = text?.match(/^\s+(\d{6})$/m)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/email/verify', payload: { email, code } });
  if (verify.statusCode !== 200) throw new Error(`verify failed: ${verify.body}`);
  const session = verify.cookies.find((c) => c.name === 'furusato_session')?.value ?? '';
  const body = verify.json() as { person: { id: string }; csrfToken: string };
  return {
    personId: body.person.id,
    cookies: { furusato_session: session },
    headers: { 'x-csrf-token': body.csrfToken },
  };
}
