import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { checkDigitOf } from '../municipalities/rules.ts';
import { sendRenewalReminders } from './renewal.ts';
import { counterMismatches } from './repository.ts';
import { applyForPremium, lapseExpiredPremiums } from './service.ts';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(testEngines())('furusato registration API on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let fukushima: SignedIn;
  let national: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    national = await signInByEmail(t.app, 'admin@national.example.jp');
  });
  afterAll(() => t?.close());

  const db = () => t.app.db;
  const register = (who: SignedIn, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: payload as object,
      cookies: who.cookies,
      headers: { ...who.headers, ...headers },
    });
  const expectExactCounters = async () => expect(await counterMismatches(db())).toEqual([]);
  const verify = (personId: string, residence: string) =>
    db()
      .updateTable('people')
      .set({
        identity_verified_at: new Date(),
        identity_level: 'my_number_card',
        registered_municipality_code: residence,
      })
      .where('id', '=', personId)
      .execute();

  it('registers with a municipality and, with it, its prefecture', async () => {
    const me = await signInByEmail(t.app, 'hanako@example.jp');
    const created = await register(me, {
      municipalityCode: '042056',
      relationTypes: [2, 1, 2],
      consents: ['name', 'news'],
      residencePrefecture: '13',
      birthYear: 1990,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      municipalityCode: '042056',
      municipalityName: '気仙沼市',
      tier: 'basic',
      relationTypes: [1, 2],
      consents: ['name', 'news'],
      implicit: false,
    });
    const list = (await t.app.inject({ url: '/api/v1/me/registrations', ...me })).json();
    expect(
      list.items.map((r: { municipalityCode: string; implicit: boolean }) => [r.municipalityCode, r.implicit]),
    ).toEqual([
      ['040002', true],
      ['042056', false],
    ]);
    const history = await db()
      .selectFrom('registration_events')
      .select(['municipality_code', 'kind', 'residence_prefecture'])
      .where('person_id', '=', me.personId)
      .orderBy('municipality_code')
      .execute();
    expect(history).toEqual([
      { municipality_code: '040002', kind: 'registered', residence_prefecture: '13' },
      { municipality_code: '042056', kind: 'registered', residence_prefecture: '13' },
    ]);
    await expectExactCounters();

    const duplicate = await register(me, { municipalityCode: '042056', relationTypes: [3] });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({
      code: 'REGISTRATION_EXISTS',
      details: { registration: { municipalityCode: '042056', relationTypes: [1, 2] } },
    });
  });

  it('refuses bad input with a clear code and writes nothing', async () => {
    const me = await signInByEmail(t.app, 'bad-input@example.jp');
    const ward = await db()
      .selectFrom('municipalities')
      .select(['code', 'parent_code'])
      .where('kind', '=', 'ward')
      .executeTakeFirstOrThrow();
    const unknown = `99999${checkDigitOf('99999')}`;
    const cases: [unknown, number, string][] = [
      [{ municipalityCode: '04205X', relationTypes: [1] }, 400, 'INVALID_MUNICIPALITY_CODE'],
      [{ municipalityCode: '042057', relationTypes: [1] }, 400, 'INVALID_MUNICIPALITY_CODE'],
      [{ municipalityCode: unknown, relationTypes: [1] }, 404, 'MUNICIPALITY_NOT_FOUND'],
      [{ municipalityCode: '042056', relationTypes: [5] }, 400, 'INVALID_RELATION_TYPES'],
      [{ municipalityCode: '042056', relationTypes: [] }, 400, 'INVALID_RELATION_TYPES'],
      [{ municipalityCode: '042056', relationTypes: [1], consents: ['everything'] }, 400, 'INVALID_CONSENT_SCOPES'],
      [{ municipalityCode: '042056', relationTypes: [1], residencePrefecture: '48' }, 400, 'VALIDATION_FAILED'],
      [{ municipalityCode: '131016', relationTypes: [1] }, 409, 'MUNICIPALITY_NOT_PARTICIPATING'],
      [{ municipalityCode: '473014', relationTypes: [1] }, 409, 'MUNICIPALITY_NOT_PARTICIPATING'],
      [{ municipalityCode: ward.code, relationTypes: [1] }, 400, 'REGISTRATION_TARGET_IS_WARD'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await register(me, payload, { 'accept-language': 'ja' });
      expect([response.statusCode, response.json().error.code], JSON.stringify(payload)).toEqual([status, code]);
      expect(response.json().error.message).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: { municipalityCode: '042056', relationTypes: [1] },
    });
    expect(anonymous.json().error.code).toBe('AUTHENTICATION_REQUIRED');
    expect(await db().selectFrom('registrations').select('id').where('person_id', '=', me.personId).execute()).toEqual(
      [],
    );
    const person = await db()
      .selectFrom('people')
      .select(['residence_prefecture'])
      .where('id', '=', me.personId)
      .executeTakeFirstOrThrow();
    expect(person.residence_prefecture).toBeNull();
  });

  it('answers a retried POST with the first result (Idempotency-Key)', async () => {
    const me = await signInByEmail(t.app, 'retry@example.jp');
    const payload = { municipalityCode: '072010', relationTypes: [2] };
    const first = await register(me, payload, { 'idempotency-key': 'reg-072010-1' });
    const replay = await register(me, payload, { 'idempotency-key': 'reg-072010-1' });
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const reused = await register(me, { ...payload, relationTypes: [3] }, { 'idempotency-key': 'reg-072010-1' });
    expect([reused.statusCode, reused.json().error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const invalid = await register(me, payload, { 'idempotency-key': 'キー' });
    expect(invalid.json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    const events = await db()
      .selectFrom('registration_events')
      .select('kind')
      .where('person_id', '=', me.personId)
      .where('municipality_code', '=', '072010')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('lets concurrent double submits create one registration', async () => {
    const me = await signInByEmail(t.app, 'double@example.jp');
    const payload = { municipalityCode: '152226', relationTypes: [1, 3] };
    const responses = await Promise.all([register(me, payload), register(me, payload), register(me, payload)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    await expectExactCounters();
  });

  it('changes types and consents, keeps the prefecture in step, and withdraws', async () => {
    const me = await signInByEmail(t.app, 'changes@example.jp');
    await register(me, { municipalityCode: '072010', relationTypes: [1], consents: ['name'] });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/registrations/072010',
      payload: { relationTypes: [1, 4], consents: ['name', 'email'] },
      ...me,
    });
    expect(patched.json()).toMatchObject({ relationTypes: [1, 4], consents: ['name', 'email'] });
    const prefecture = async () =>
      (await t.app.inject({ url: '/api/v1/me/registrations', ...me }))
        .json()
        .items.find((r: { municipalityCode: string }) => r.municipalityCode === '070009');
    expect(await prefecture()).toMatchObject({ implicit: true, relationTypes: [1, 4] });

    const blocked = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/registrations/070009', ...me });
    expect(blocked.json().error).toMatchObject({
      code: 'PREFECTURE_HELD_BY_MUNICIPALITIES',
      details: { municipalities: ['072010'] },
    });
    const emptyPatch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/registrations/072010',
      payload: {},
      ...me,
    });
    expect(emptyPatch.statusCode).toBe(400);

    const withdrawn = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/registrations/072010', ...me });
    expect(withdrawn.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me/registrations', ...me })).json().items).toEqual([]);
    const again = await t.app.inject({ method: 'DELETE', url: '/api/v1/me/registrations/072010', ...me });
    expect(again.json().error.code).toBe('REGISTRATION_NOT_FOUND');
    const kinds = await db()
      .selectFrom('registration_events')
      .select(['municipality_code', 'kind'])
      .where('person_id', '=', me.personId)
      .orderBy('id')
      .execute();
    expect(kinds.map((k) => `${k.municipality_code}:${k.kind}`)).toEqual([
      '072010:registered',
      '070009:registered',
      '072010:types_changed',
      '070009:types_changed',
      '072010:consents_changed',
      '072010:withdrawn',
      '070009:withdrawn',
    ]);
    await expectExactCounters();
  });

  it('grants premium when the rules are met, and explains what is missing when not', async () => {
    const me = await signInByEmail(t.app, 'helper@example.jp');
    const created = (await register(me, { municipalityCode: '042056', relationTypes: [3], consents: ['name'] })).json();
    const apply = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/registrations/042056/premium',
        ...me,
        headers: { ...me.headers, 'accept-language': 'en' },
      });

    const refused = await apply();
    expect(refused.statusCode).toBe(422);
    const requirements = refused.json().error.details.evaluation.requirements;
    expect(requirements.filter((r: { met: boolean }) => !r.met).map((r: { id: string }) => r.id)).toEqual([
      'identity_verified',
      'not_residence',
      'activities',
    ]);

    await verify(me.personId, '131016');
    for (const occurredOn of ['2026-05-01', '2026-08-15', '2026-10-10']) {
      const recorded = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenants/042056/activities',
        payload: { memberId: created.id, kind: 'volunteer', occurredOn },
        ...admin,
      });
      expect(recorded.statusCode).toBe(201);
    }
    const future = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/activities',
      payload: { memberId: created.id, kind: 'volunteer', occurredOn: '2099-01-01' },
      ...admin,
    });
    expect(future.json().error.code).toBe('ACTIVITY_DATE_IN_FUTURE');

    const progress = await t.app.inject({ url: '/api/v1/me/registrations/042056/premium', ...me });
    expect(progress.json().outcome).toBe('grant');
    const granted = await apply();
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'granted', registration: { tier: 'premium' } });
    const expires = new Date(granted.json().registration.premiumExpiresAt);
    expect(Math.round((expires.getTime() - Date.now()) / 86_400_000)).toBeGreaterThanOrEqual(364);

    const early = await apply();
    expect(
      early.json().error.details.evaluation.requirements.find((r: { id: string }) => r.id === 'renewal_window'),
    ).toMatchObject({
      met: false,
    });
    await expectExactCounters();
  });

  it('counts who would qualify under a rule before it is saved', async () => {
    const rule = { minActivities: 3, activityKinds: ['volunteer'], requiredRelationTypes: [], staffReview: false };
    const preview = async (body: object) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/tenants/042056/premium-rule/preview',
          payload: body,
          ...admin,
        })
      ).json();
    const before = await preview(rule);
    const withType4 = await preview({ ...rule, requiredRelationTypes: [4] });
    expect(before.registrants).toBeGreaterThan(2000);

    const me = await signInByEmail(t.app, 'candidate@example.jp');
    const created = (await register(me, { municipalityCode: '042056', relationTypes: [3] })).json();
    await verify(me.personId, '131016');
    for (const occurredOn of ['2026-07-01', '2026-08-01', '2026-09-01']) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenants/042056/activities',
        payload: { memberId: created.id, kind: 'volunteer', occurredOn },
        ...admin,
      });
    }
    expect(await preview(rule)).toEqual({ qualify: before.qualify + 1, registrants: before.registrants + 1 });
    expect((await preview({ ...rule, requiredRelationTypes: [4] })).qualify).toBe(withType4.qualify);
    expect((await preview({ ...rule, minActivities: 4 })).qualify).toBeLessThan(before.qualify + 1);
    const saved = (await t.app.inject({ url: '/api/v1/tenants/042056/premium-rule', ...admin })).json();
    expect(saved.activityKinds).not.toEqual(['volunteer']);
  });

  it('refuses premium in one’s own town and a fourth premium municipality', async () => {
    await db()
      .updateTable('municipalities')
      .set({ joined_at: '2026-04-01' })
      .where('code', 'in', ['062014', '012025'])
      .execute();
    const me = await signInByEmail(t.app, 'many@example.jp');
    await verify(me.personId, '042056');
    for (const code of ['042056', '072010', '152226', '062014', '012025']) {
      expect((await register(me, { municipalityCode: code, relationTypes: [3] })).statusCode).toBe(201);
      for (const occurredOn of ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01']) {
        await db()
          .insertInto('activity_records')
          .values({
            person_id: me.personId,
            municipality_code: code,
            kind: 'volunteer',
            occurred_on: occurredOn,
            source: 'platform',
            status: 'confirmed',
            note: null,
            recorded_by: null,
          })
          .execute();
      }
    }
    const apply = (code: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/me/registrations/${code}/premium`, ...me });
    const own = await apply('042056');
    expect(
      own
        .json()
        .error.details.evaluation.requirements.filter((r: { met: boolean }) => !r.met)
        .map((r: { id: string }) => r.id),
    ).toEqual(['not_residence']);
    // 072010 asks for staff review in the demo rule, so the three premium ones are the others.
    await db().deleteFrom('premium_rules').where('municipality_code', '=', '072010').execute();
    for (const code of ['072010', '152226', '062014']) expect((await apply(code)).statusCode).toBe(200);
    const fourth = await apply('012025');
    expect(fourth.statusCode).toBe(422);
    expect(
      fourth.json().error.details.evaluation.requirements.find((r: { id: string }) => r.id === 'premium_limit').met,
    ).toBe(false);
    const concurrent = await Promise.all([apply('012025'), apply('012025')]);
    expect(concurrent.map((r) => r.statusCode)).toEqual([422, 422]);
    const premium = await db()
      .selectFrom('registrations')
      .select('municipality_code')
      .where('person_id', '=', me.personId)
      .where('tier', '=', 'premium')
      .execute();
    expect(premium).toHaveLength(3);
    await expectExactCounters();
  });

  it('queues premium for staff review when the municipality asks for it', async () => {
    const rule = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tenants/042056/premium-rule',
      payload: {
        minActivities: 3,
        activityKinds: ['volunteer', 'event_help'],
        requiredRelationTypes: [],
        staffReview: true,
      },
      ...admin,
    });
    expect(rule.statusCode).toBe(200);
    expect(rule.json()).toMatchObject({ isDefault: false, staffReview: true, national: { minActivities: 3 } });
    const weaker = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tenants/042056/premium-rule',
      payload: { minActivities: 2, activityKinds: ['volunteer'], requiredRelationTypes: [], staffReview: false },
      ...admin,
    });
    expect(weaker.statusCode).toBe(400);

    const me = await signInByEmail(t.app, 'reviewed@example.jp');
    const created = (await register(me, { municipalityCode: '042056', relationTypes: [3] })).json();
    await verify(me.personId, '131016');
    for (const occurredOn of ['2026-09-01', '2026-10-01', '2026-11-01']) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenants/042056/activities',
        payload: { memberId: created.id, kind: 'event_help', occurredOn },
        ...admin,
      });
    }
    const apply = () => t.app.inject({ method: 'POST', url: '/api/v1/me/registrations/042056/premium', ...me });
    const pending = await apply();
    expect(pending.statusCode).toBe(202);
    expect(pending.json()).toMatchObject({ status: 'pending_review', registration: { tier: 'basic' } });
    expect((await apply()).json().error.code).toBe('PREMIUM_APPLICATION_PENDING');

    const queue = (await t.app.inject({ url: '/api/v1/tenants/042056/premium-applications', ...admin })).json();
    const application = queue.items.find((a: { memberId: string }) => a.memberId === created.id);
    expect(application).toMatchObject({ status: 'pending', kind: 'new' });
    const review = (body: unknown) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/tenants/042056/premium-applications/${application.id}/review`,
        payload: body as object,
        ...admin,
      });
    expect((await review({ decision: 'reject' })).json().error.code).toBe('REVIEW_REASON_REQUIRED');
    expect((await review({ decision: 'approve' })).json()).toEqual({ id: application.id, status: 'approved' });
    expect((await review({ decision: 'approve' })).json().error.code).toBe('ALREADY_DECIDED');
    const mine = (await t.app.inject({ url: '/api/v1/me/registrations', ...me })).json().items;
    expect(mine.find((r: { municipalityCode: string }) => r.municipalityCode === '042056').tier).toBe('premium');
    const other = await t.app.inject({ url: '/api/v1/tenants/042056/premium-applications', ...fukushima });
    expect(other.statusCode).toBe(403);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tenants/042056/premium-rule',
      payload: {
        minActivities: 3,
        activityKinds: ['volunteer', 'side_job', 'event_help'],
        requiredRelationTypes: [],
        staffReview: false,
      },
      ...admin,
    });
    await expectExactCounters();
  });

  it('takes proof uploads of the right type and size, for staff to review', async () => {
    const me = await signInByEmail(t.app, 'proof@example.jp');
    await register(me, { municipalityCode: '042056', relationTypes: [3] });
    const upload = (
      body: Buffer | string,
      contentType: string,
      query = 'municipalityCode=042056&kind=volunteer&occurredOn=2026-10-01',
    ) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/me/activities/proofs?${query}`,
        payload: body,
        cookies: me.cookies,
        headers: { ...me.headers, 'content-type': contentType },
      });
    const ok = await upload(PNG_1X1, 'image/png');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'pending', source: 'proof', hasProof: true });
    expect((await upload('hello', 'text/plain')).json().error.code).toBe('PROOF_TYPE_NOT_ALLOWED');
    expect((await upload('<svg/>', 'image/png')).json().error.code).toBe('PROOF_CONTENT_MISMATCH');
    expect((await upload(PNG_1X1, 'application/pdf')).json().error.code).toBe('PROOF_CONTENT_MISMATCH');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(big, 'application/pdf');
    expect([tooBig.statusCode, tooBig.json().error.code]).toEqual([413, 'PROOF_TOO_LARGE']);
    const notRegistered = await upload(
      PNG_1X1,
      'image/png',
      'municipalityCode=072010&kind=volunteer&occurredOn=2026-10-01',
    );
    expect(notRegistered.json().error.code).toBe('REGISTRATION_NOT_FOUND');
    expect(
      (await upload(PNG_1X1, 'image/png', 'municipalityCode=042056&kind=party&occurredOn=2026-10-01')).statusCode,
    ).toBe(400);

    const queue = (await t.app.inject({ url: '/api/v1/tenants/042056/activities?pageSize=100', ...admin })).json();
    const item = queue.items.find((a: { id: string }) => a.id === ok.json().id);
    expect(item).toMatchObject({ status: 'pending', hasProof: true });
    const file = await t.app.inject({ url: `/api/v1/tenants/042056/activities/${item.id}/proof`, ...admin });
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG_1X1)).toBe(true);
    const review = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/042056/activities/${item.id}/review`,
      payload: { decision: 'reject', reason: '日付が読み取れません' },
      ...admin,
    });
    expect(review.json()).toEqual({ id: item.id, status: 'rejected' });
    const mine = (await t.app.inject({ url: '/api/v1/me/activities', ...me })).json().items;
    expect(mine[0]).toMatchObject({ status: 'rejected', reviewReason: '日付が読み取れません' });
    const elsewhere = await t.app.inject({ url: `/api/v1/tenants/072010/activities/${item.id}/proof`, ...fukushima });
    expect(elsewhere.statusCode).toBe(403);
    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json().items;
    expect(log.map((e: { action: string }) => e.action).slice(0, 2)).toEqual([
      'activity.rejected',
      'activity.proof_viewed',
    ]);
  });

  it('shows staff only what each registrant consented to, logs every read, and keeps other tenants out', async () => {
    const shy = await signInByEmail(t.app, 'shy@example.jp');
    const open = await signInByEmail(t.app, 'open@example.jp');
    const shyReg = (
      await register(shy, {
        municipalityCode: '152226',
        relationTypes: [1],
        consents: [],
        residencePrefecture: '27',
        birthYear: 1985,
      })
    ).json();
    const openReg = (
      await register(open, {
        municipalityCode: '152226',
        relationTypes: [2, 4],
        consents: ['email', 'age_band', 'residence', 'relation_details'],
        residencePrefecture: '27',
        birthYear: 1985,
      })
    ).json();
    await db()
      .insertInto('staff_memberships')
      .values({ tenant: '152226', person_id: admin.personId, role: 'viewer', partner_id: null, granted_by: null })
      .execute();

    const list = (await t.app.inject({ url: '/api/v1/tenants/152226/registrants?pageSize=100', ...admin })).json();
    const byEmail = list.items.find((r: { email: string | null }) => r.email === 'open@example.jp');
    expect(byEmail).toMatchObject({
      memberId: openReg.id,
      displayName: null,
      ageBand: '40s',
      residencePrefecture: '27',
      relationTypes: [2, 4],
    });
    expect(list.items.find((r: { memberId: string }) => r.memberId === shyReg.id)).toEqual({
      memberId: shyReg.id,
      tier: 'basic',
      registeredAt: shyReg.registeredAt,
      premiumExpiresAt: null,
      displayName: null,
      email: null,
      ageBand: null,
      residencePrefecture: null,
      relationTypes: null,
      acceptsNews: false,
      activityCount: 0,
    });
    const osaka = (
      await t.app.inject({ url: '/api/v1/tenants/152226/registrants?residencePrefecture=27', ...admin })
    ).json();
    const osakaIds = osaka.items.map((r: { memberId: string }) => r.memberId);
    expect(osakaIds).toContain(openReg.id);
    expect(osakaIds).not.toContain(shyReg.id);
    expect(osaka.items.every((r: { residencePrefecture: string }) => r.residencePrefecture === '27')).toBe(true);
    const detail = await t.app.inject({ url: `/api/v1/tenants/152226/registrants/${openReg.id}`, ...admin });
    expect(detail.json()).toMatchObject({ email: 'open@example.jp', activities: [] });
    const log = await db()
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('tenant', '=', '152226')
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(log.map((e) => e.action)).toEqual(['registrant.viewed', 'registrants.listed', 'registrants.listed']);

    expect(
      (await t.app.inject({ url: `/api/v1/tenants/072010/registrants/${openReg.id}`, ...fukushima })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/tenants/152226/registrants', ...national })).statusCode).toBe(403);
    const wrongTenant = await t.app.inject({ url: `/api/v1/tenants/042056/registrants/${openReg.id}`, ...admin });
    expect(wrongTenant.json().error.code).toBe('REGISTRANT_NOT_FOUND');
  });

  it('exports everything about the person and erases the account, keeping only anonymous counts', async () => {
    const me = await signInByEmail(t.app, 'leaving@example.jp');
    await register(me, {
      municipalityCode: '042056',
      relationTypes: [1, 2],
      consents: ['name'],
      residencePrefecture: '14',
    });
    await register(me, { municipalityCode: '072010', relationTypes: [2] });
    const open = (await t.app.inject({ url: '/api/v1/opportunities?municipality=042056&pageSize=100' })).json().items;
    const opportunity = open.find(
      (o: { eligibility: { minTier: string; identityRequired: boolean; relationTypes: number[] } }) =>
        o.eligibility.minTier === 'basic' &&
        !o.eligibility.identityRequired &&
        o.eligibility.relationTypes.length === 0,
    );
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/opportunities/${opportunity.id}/applications`,
      payload: { answers: opportunity.questions.map(() => 'はい') },
      ...me,
    });
    expect(applied.statusCode).toBe(201);
    const exported = await t.app.inject({ url: '/api/v1/me/export', ...me });
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="furusato-data-\d{8}\.json"$/);
    const data = exported.json();
    expect(data.person).toMatchObject({ email: 'leaving@example.jp', residencePrefecture: '14' });
    expect(data.registrations.map((r: { municipalityCode: string }) => r.municipalityCode).sort()).toEqual([
      '040002',
      '042056',
      '070009',
      '072010',
    ]);
    expect(data.history).toHaveLength(4);
    expect(data.applications).toEqual([expect.objectContaining({ id: applied.json().id, status: 'applied' })]);
    expect(data).toMatchObject({ applicationMessages: [], checkIns: [], subsidyApplications: [], benefitUses: [] });

    const countsBefore = await db()
      .selectFrom('registration_counters')
      .select((eb) => eb.fn.sum<string>('n').as('n'))
      .where('municipality_code', '=', '042056')
      .where('day', '<', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/v1/me', payload: { confirm: false }, ...me })).json().error
        .code,
    ).toBe('ACCOUNT_DELETION_NOT_CONFIRMED');
    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', payload: { confirm: true }, ...me });
    expect(deleted.statusCode).toBe(204);

    expect(await db().selectFrom('people').select('id').where('id', '=', me.personId).execute()).toEqual([]);
    expect(await db().selectFrom('people').select('id').where('email', '=', 'leaving@example.jp').execute()).toEqual(
      [],
    );
    expect(
      await db().selectFrom('mail_outbox').select('id').where('to_address', '=', 'leaving@example.jp').execute(),
    ).toEqual([]);
    expect(await db().selectFrom('registrations').select('id').where('person_id', '=', me.personId).execute()).toEqual(
      [],
    );
    expect(
      await db().selectFrom('registration_events').select('id').where('person_id', '=', me.personId).execute(),
    ).toEqual([]);
    const anonymous = await db()
      .selectFrom('registration_events')
      .select(['kind', 'details'])
      .where('person_id', 'is', null)
      .where('residence_prefecture', '=', '14')
      .execute();
    expect(anonymous.filter((e) => e.kind === 'withdrawn')).toHaveLength(4);
    const countsAfter = await db()
      .selectFrom('registration_counters')
      .select((eb) => eb.fn.sum<string>('n').as('n'))
      .where('municipality_code', '=', '042056')
      .where('day', '<', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(countsAfter.n).toEqual(countsBefore.n);
    await expectExactCounters();
    expect((await t.app.inject({ url: '/api/v1/me/registrations', ...me })).json().error.code).toBe(
      'AUTHENTICATION_REQUIRED',
    );
  });

  it('keeps the last administrator from deleting their account', async () => {
    const response = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      payload: { confirm: true },
      ...fukushima,
    });
    expect(response.json().error).toMatchObject({ code: 'LAST_ADMIN', details: { tenant: '070009' } });
  });

  it('lapses expired premium back to basic and reminds 30 days before expiry, once', async () => {
    const me = await signInByEmail(t.app, 'renewal@example.jp');
    await verify(me.personId, '131016');
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    // Granted through the service a year ago (one term has ended) and 355 days ago (ends in 10 days).
    for (const [code, grantedAt] of [
      ['042056', daysAgo(366)],
      ['152226', daysAgo(355)],
    ] as const) {
      await register(me, { municipalityCode: code, relationTypes: [3] });
      for (const back of [40, 30, 20]) {
        await db()
          .insertInto('activity_records')
          .values({
            person_id: me.personId,
            municipality_code: code,
            kind: 'volunteer',
            occurred_on: daysAgo(366 + back)
              .toISOString()
              .slice(0, 10),
            source: 'platform',
            status: 'confirmed',
            note: null,
            recorded_by: null,
          })
          .execute();
      }
      expect((await applyForPremium(db(), me.personId, code, grantedAt)).status).toBe('granted');
    }
    expect(await lapseExpiredPremiums(db(), now)).toBeGreaterThanOrEqual(1);
    const rows = await db()
      .selectFrom('registrations')
      .select(['municipality_code', 'tier'])
      .where('person_id', '=', me.personId)
      .where('municipality_code', 'in', ['042056', '152226'])
      .orderBy('municipality_code')
      .execute();
    expect(rows).toEqual([
      { municipality_code: '042056', tier: 'basic' },
      { municipality_code: '152226', tier: 'premium' },
    ]);
    await expectExactCounters();
    expect(await sendRenewalReminders(db(), 'http://localhost:3000', now)).toBeGreaterThanOrEqual(1);
    expect(await sendRenewalReminders(db(), 'http://localhost:3000', now)).toBe(0);
    const mail = await db()
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('to_address', '=', 'renewal@example.jp')
      .where('subject', 'like', '%プレミアム%')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain('上越市');
    expect(mail[0]?.text_body).toContain('http://localhost:3000/account');
  });
});
