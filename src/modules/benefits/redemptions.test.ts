import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { cardNumberOf } from '../cards/card-token.ts';
import { issueCardToken } from '../cards/service.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe.each(testEngines())('partner uses of member cards on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let shop: SignedIn;
  let fukushima: SignedIn;
  let resident: SignedIn;
  let memberId: string;
  let partnerId: string;
  const measures: Record<string, string> = {};

  const register = async (who: SignedIn, municipalityCode: string, relationTypes = [2]) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: { municipalityCode, relationTypes },
      ...who,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const cardOf = async (who: SignedIn, code: string) =>
    (await t.app.inject({ method: 'POST', url: `/api/v1/me/registrations/${code}/card-token`, ...who })).json()
      .token as string;
  const redeem = (payload: Record<string, unknown>, as: SignedIn = shop, tenant = '042056') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/${tenant}/redemptions`,
      payload: { clientUseId: randomUUID(), ...payload },
      ...as,
    });
  const createMeasure = async (payload: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/measures',
      payload,
      ...admin,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    shop = await signInByEmail(t.app, 'shop@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    resident = await signInByEmail(t.app, 'visitor@example.jp');
    memberId = await register(resident, '042056');
    const demo = (await t.app.inject({ url: '/api/v1/tenants/042056/measures', ...admin })).json().items;
    const discount = demo.find((m: { title: string }) => m.title === '協力店での割引');
    partnerId = discount.partners[0].id;
    measures.discount = discount.id;
    measures.lodging = demo.find((m: { title: string }) => m.title === '宿泊割引').id;
    measures.once = await createMeasure({
      kind: 'discount',
      title: 'はじめての来店で一品サービス',
      usage: 'once',
      partnerIds: [partnerId],
    });
    measures.premium = await createMeasure({
      kind: 'discount',
      title: 'プレミアム会員限定 20%引き',
      minTier: 'premium',
      partnerIds: [partnerId],
    });
  });
  afterAll(() => t?.close());

  it('records a use by the demo partner, and a re-sent clientUseId counts once with the same answer', async () => {
    const token = await cardOf(resident, '042056');
    const clientUseId = randomUUID();
    const first = await redeem({ token, measureId: measures.discount, clientUseId });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      measureId: measures.discount,
      measureTitle: '協力店での割引',
      partnerId,
      partnerName: '気仙沼 海の市 お土産処',
      memberId,
      cardNumber: cardNumberOf(memberId),
      tier: 'basic',
      offline: false,
    });
    const again = await redeem({ token, measureId: measures.discount, clientUseId });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());

    const misused = await redeem({ token, measureId: measures.once, clientUseId });
    expect([misused.statusCode, misused.json().error.code]).toEqual([422, 'CLIENT_USE_ID_REUSED']);

    // A repeatable measure: the next visit is another use.
    const nextVisit = await redeem({ token, measureId: measures.discount });
    expect(nextVisit.statusCode).toBe(201);
    const list = (
      await t.app.inject({ url: `/api/v1/tenants/042056/redemptions?measureId=${measures.discount}`, ...admin })
    ).json();
    expect(list.total).toBe(2);
    expect(list.items.map((r: { id: string }) => r.id)).toContain(first.json().id);
    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json().items;
    expect(log[0]).toMatchObject({ action: 'redemptions.listed' });
    expect(log.filter((e: { action: string }) => e.action === 'redemption.recorded')).toHaveLength(2);
  });

  it('refuses a one-time measure the second time', async () => {
    const token = await cardOf(resident, '042056');
    expect((await redeem({ token, measureId: measures.once })).statusCode).toBe(201);
    const second = await redeem({ token: await cardOf(resident, '042056'), measureId: measures.once });
    expect([second.statusCode, second.json().error.code]).toEqual([409, 'ALREADY_REDEEMED']);
    const benefits = (await t.app.inject({ url: '/api/v1/me/benefits', ...resident })).json().items;
    expect(benefits.find((b: { measure: { id: string } }) => b.measure.id === measures.once)).toMatchObject({
      eligible: false,
      timesUsed: 1,
      reasons: [expect.objectContaining({ code: 'already_used' })],
    });
  });

  it("refuses another municipality's card, a forged card and a measure the partner does not offer", async () => {
    await register(resident, '072010');
    const fukushimaCard = await redeem({ token: await cardOf(resident, '072010'), measureId: measures.discount });
    expect([fukushimaCard.statusCode, fukushimaCard.json().error]).toEqual([
      422,
      expect.objectContaining({ code: 'CARD_OTHER_MUNICIPALITY', details: { municipalityCode: '072010' } }),
    ]);
    const prefectureCard = await redeem({ token: await cardOf(resident, '040002'), measureId: measures.discount });
    expect(prefectureCard.json().error.code).toBe('CARD_OTHER_MUNICIPALITY');

    const token = await cardOf(resident, '042056');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, tier: 'premium' })).toString('base64url')}.${signature}`;
    for (const bad of [forged, 'not-a-card']) {
      const response = await redeem({ token: bad, measureId: measures.discount });
      expect([response.statusCode, response.json().error.code]).toEqual([422, 'CARD_INVALID']);
    }
    const notOffered = await redeem({ token, measureId: measures.lodging });
    expect([notOffered.statusCode, notOffered.json().error.code]).toEqual([422, 'MEASURE_NOT_OFFERED_BY_PARTNER']);
    const unknown = await redeem({ token, measureId: randomUUID() });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'MEASURE_NOT_FOUND']);
  });

  it('refuses an expired card, but accepts it when it was scanned offline in time (within 7 days)', async () => {
    const now = Date.now();
    const shownTenMinutesAgo = (
      await issueCardToken(t.app.db, resident.personId, '042056', new Date(), new Date(now - 10 * MINUTE))
    ).token;
    const late = await redeem({ token: shownTenMinutesAgo, measureId: measures.discount });
    expect([late.statusCode, late.json().error.code]).toEqual([422, 'CARD_EXPIRED']);
    const offline = await redeem({
      token: shownTenMinutesAgo,
      measureId: measures.discount,
      scannedAt: new Date(now - 8 * MINUTE).toISOString(),
    });
    expect(offline.statusCode).toBe(201);
    expect(offline.json()).toMatchObject({ offline: true, scannedAt: new Date(now - 8 * MINUTE).toISOString() });

    const threeDaysAgo = now - 3 * DAY;
    const oldCard = (await issueCardToken(t.app.db, resident.personId, '042056', new Date(), new Date(threeDaysAgo)))
      .token;
    const synced = await redeem({
      token: oldCard,
      measureId: measures.discount,
      scannedAt: new Date(threeDaysAgo + MINUTE).toISOString(),
    });
    expect(synced.statusCode).toBe(201);
    const scannedTooLate = await redeem({
      token: oldCard,
      measureId: measures.discount,
      scannedAt: new Date(threeDaysAgo + 6 * MINUTE).toISOString(),
    });
    expect(scannedTooLate.json().error.code).toBe('CARD_EXPIRED');

    for (const [scannedAt, problem] of [
      [new Date(now + 3600_000), 'in_future'],
      [new Date(now - 8 * DAY), 'too_old'],
    ] as const) {
      const response = await redeem({
        token: oldCard,
        measureId: measures.discount,
        scannedAt: scannedAt.toISOString(),
      });
      expect([response.statusCode, response.json().error]).toEqual([
        422,
        expect.objectContaining({ code: 'SCANNED_AT_OUT_OF_RANGE', details: { problem } }),
      ]);
    }
  });

  it('refuses on sync a card whose registration was withdrawn since the scan', async () => {
    const leaver = await signInByEmail(t.app, 'leaver@example.jp');
    await register(leaver, '042056');
    const token = await cardOf(leaver, '042056');
    const scannedAt = new Date().toISOString();
    const withdrawn = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/registrations/042056', ...leaver });
    expect(withdrawn.statusCode).toBe(204);
    const response = await redeem({ token, measureId: measures.discount, scannedAt });
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'CARD_REVOKED']);
  });

  it('refuses a premium-only measure to a basic member, and records the tier once premium', async () => {
    const refused = await redeem({ token: await cardOf(resident, '042056'), measureId: measures.premium });
    expect([refused.statusCode, refused.json().error]).toEqual([
      422,
      expect.objectContaining({
        code: 'MEASURE_NOT_ELIGIBLE',
        details: { reasons: [expect.objectContaining({ code: 'premium_required' })] },
      }),
    ]);
    await t.app.db
      .updateTable('registrations')
      .set({ tier: 'premium', premium_since: new Date(), premium_expires_at: new Date(Date.now() + 300 * DAY) })
      .where('id', '=', memberId)
      .execute();
    const granted = await redeem({ token: await cardOf(resident, '042056'), measureId: measures.premium });
    expect([granted.statusCode, granted.json().tier]).toEqual([201, 'premium']);
  });

  it('keeps uses within the municipality and the partner role', async () => {
    const token = await cardOf(resident, '042056');
    const asFukushima = await t.app.inject({ url: '/api/v1/tenants/042056/redemptions', ...fukushima });
    expect(asFukushima.statusCode).toBe(403);
    const ownTenant = (await t.app.inject({ url: '/api/v1/tenants/070009/redemptions', ...fukushima })).json();
    expect(ownTenant.total).toBe(0);
    const elsewhere = await redeem({ token, measureId: measures.discount }, shop, '072010');
    expect(elsewhere.statusCode).toBe(403);
    const staffInsteadOfShop = await redeem({ token, measureId: measures.discount }, admin);
    expect(staffInsteadOfShop.statusCode).toBe(403);
    const shopReadsList = await t.app.inject({ url: '/api/v1/tenants/042056/redemptions', ...shop });
    expect(shopReadsList.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/redemptions',
      payload: { token, measureId: measures.discount, clientUseId: randomUUID() },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('forgets the uses of a person who deletes their account', async () => {
    const before = (await t.app.inject({ url: '/api/v1/tenants/042056/redemptions', ...admin })).json().total;
    const mine = await t.app.db
      .selectFrom('redemptions')
      .select('id')
      .where('person_id', '=', resident.personId)
      .execute();
    expect(mine.length).toBeGreaterThan(0);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      payload: { confirm: true },
      ...resident,
    });
    expect(deleted.statusCode).toBe(204);
    const after = (await t.app.inject({ url: '/api/v1/tenants/042056/redemptions', ...admin })).json().total;
    expect(after).toBe(before - mine.length);
  });
});
