import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const eventNames = async (prefix: string) =>
  (await t.db.query<{ name: string; payload: Record<string, unknown> }>(`SELECT name, payload FROM events WHERE name LIKE $1 ORDER BY seq`, [`${prefix}%`]));

describe('DSA Art. 23 warnings and suspensions', () => {
  it('a suspension cannot be saved without a linked prior warning (same person, same ground); both are logged and counted', async () => {
    t.clock.set('2025-09-01T09:00:00Z');
    const poster = (await newTicket(t, { requester: { email: 'poster@example.com' } })).requester_id;
    const other = (await newTicket(t, { requester: { email: 'other@example.com' } })).requester_id;
    const susp = { customer_id: poster, ground: 'manifestly_illegal_content', reason: 'Third illegal upload this month', duration_days: 30 };
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/suspensions', susp), 422, 'PRIOR_WARNING_REQUIRED');
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/suspensions', { ...susp, warning_id: 'dwn_00000000000000000000000000' }), 404, 'WARNING_NOT_FOUND');
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/warnings', { customer_id: poster, ground: 'spam', reason: 'x' }), 422, 'UNKNOWN_GROUND');
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/warnings', { customer_id: 'cus_00000000000000000000000000', ground: 'unfounded_notices', reason: 'x' }), 404, 'CUSTOMER_NOT_FOUND');

    const warn = await t.api('POST', '/api/v1/compliance/dsa/warnings', { customer_id: poster, ground: 'manifestly_illegal_content', reason: 'Two illegal uploads (videos 12, 19)' });
    expect(warn.statusCode, warn.body).toBe(201);
    const otherWarn = (await t.api('POST', '/api/v1/compliance/dsa/warnings', { customer_id: other, ground: 'unfounded_notices', reason: 'Ten unfounded notices' })).json();
    // a warning given to someone else, or on another ground, is not a prior warning for this suspension
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/suspensions', { ...susp, warning_id: otherWarn.id }), 422, 'WARNING_OTHER_PERSON');
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/suspensions', { ...susp, ground: 'unfounded_complaints', warning_id: warn.json().id }), 422, 'WARNING_GROUND_MISMATCH');
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/suspensions', { ...susp, warning_id: warn.json().id, duration_days: 0 }), 422, 'INVALID_DURATION');
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/suspensions', { ...susp, warning_id: warn.json().id, duration_days: 10_000 }), 422, 'INVALID_DURATION');
    // a warning is not itself a suspension to link to
    t.clock.set('2025-09-15T09:00:00Z');
    const s = await t.api('POST', '/api/v1/compliance/dsa/suspensions', { ...susp, warning_id: warn.json().id });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json()).toMatchObject({ kind: 'suspension', warning_id: warn.json().id, starts_at: '2025-09-15T09:00:00.000Z', ends_at: '2025-10-15T09:00:00.000Z' });
    expectProblem(await t.api('POST', '/api/v1/compliance/dsa/suspensions', { ...susp, warning_id: s.json().id }), 404, 'WARNING_NOT_FOUND');
    // the table itself refuses a suspension without a warning
    await expect(t.db.query(
      `INSERT INTO compliance_dsa_measures (id, workspace_id, customer_id, kind, ground, reason, starts_at, ends_at, created_at) VALUES ('dsp_x', $1, $2, 'suspension', 'unfounded_notices', 'x', now(), now(), now())`,
      [t.workspaceId, poster])).rejects.toThrow();

    const measures = (await t.api('GET', `/api/v1/compliance/dsa/measures?customer_id=${poster}`)).json().data;
    expect(measures.map((m: { kind: string }) => m.kind)).toEqual(['suspension', 'warning']);
    const ev = await eventNames('compliance.dsa_');
    expect(ev.filter((e) => e.name === 'compliance.dsa_warning_issued')).toHaveLength(2);
    expect(ev.filter((e) => e.name === 'compliance.dsa_suspension_imposed').map((e) => e.payload.warning_id)).toEqual([warn.json().id]);
    const figs = (await t.api('GET', '/api/v1/compliance/dsa/transparency?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).json();
    expect(figs.misuse).toEqual({
      warnings: { total: 2, by_ground: { manifestly_illegal_content: 1, unfounded_notices: 1 } },
      suspensions: { total: 1, by_ground: { manifestly_illegal_content: 1 } },
    });
    // the same counts from the table
    const rows = await t.db.query<{ kind: string; n: number }>(`SELECT kind, count(*)::int AS n FROM compliance_dsa_measures GROUP BY kind ORDER BY kind`);
    expect(rows).toEqual([{ kind: 'suspension', n: figs.misuse.suspensions.total }, { kind: 'warning', n: figs.misuse.warnings.total }]);
  });
});

describe('DSA Art. 14 versioned appeal-procedure rules', () => {
  const sections = [
    { id: 'appeal-window', heading: 'How long you can appeal', body: 'You can appeal within 6 months of being told about a decision.' },
    { id: 'human-review', heading: 'Who decides', body: 'A qualified person reviews every appeal. Appeals are never decided by software alone.' },
  ];
  it('draft → published with history, served as JSON and HTML, linked from statements and appeal decisions; significant changes notify users', async () => {
    t.clock.set('2025-10-01T09:00:00Z');
    const pubUrl = `/public/v1/compliance/terms/${t.workspaceId}/appeal-procedure`;
    expect((await t.app.inject({ method: 'GET', url: pubUrl })).statusCode).toBe(404);
    expectProblem(await t.api('POST', '/api/v1/compliance/terms/appeal-procedure/publish'), 409, 'NO_DRAFT');
    expectProblem(await t.api('PUT', '/api/v1/compliance/terms/appeal-procedure/draft', { title: 'Appeals', sections: [{ id: 'Bad Id', heading: 'h', body: 'b' }], significant: false }), 422, 'INVALID_SECTION_ID');
    expectProblem(await t.api('PUT', '/api/v1/compliance/terms/appeal-procedure/draft', { title: 'Appeals', sections: [], significant: false }), 422, 'SECTIONS_REQUIRED');
    expect((await t.api('PUT', '/api/v1/compliance/terms/nope/draft', { title: 'x', sections, significant: false })).statusCode).toBe(400);

    const d1 = await t.api('PUT', '/api/v1/compliance/terms/appeal-procedure/draft', { title: 'How to appeal a moderation decision', sections, significant: false });
    expect(d1.statusCode, d1.body).toBe(200);
    expect(d1.json()).toMatchObject({ version: 1, status: 'draft' });
    // a draft is never public
    expect((await t.app.inject({ method: 'GET', url: pubUrl })).statusCode).toBe(404);
    const p1 = await t.api('POST', '/api/v1/compliance/terms/appeal-procedure/publish');
    expect(p1.json()).toMatchObject({ version: 1, status: 'published', published_at: '2025-10-01T09:00:00.000Z' });

    const json = await t.app.inject({ method: 'GET', url: `${pubUrl}?format=json` });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/application\/json/);
    expect(json.json()).toMatchObject({ slug: 'appeal-procedure', version: 1, sections, url: `${pubUrl}/versions/1` });
    const html = await t.app.inject({ method: 'GET', url: pubUrl });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('<section id="human-review"><h2>Who decides</h2>');
    expect(html.body).toContain('type="application/json"');
    expect((await t.app.inject({ method: 'GET', url: pubUrl, headers: { accept: 'application/json' } })).json().version).toBe(1);

    // statements of reasons and appeal decisions link the version in force
    const creator = (await newTicket(t, { requester: { email: 'creator2@example.com' } })).requester_id;
    const sor = await t.api('POST', '/api/v1/compliance/dsa/statements', {
      customer_id: creator, content_ref: 'video:77', measure: 'visibility_restriction', scope: 'EU', facts: 'Graphic violence', automated_detection: true,
      automated_decision: false, ground_type: 'incompatible_with_terms', ground: 'Community guidelines 4.2',
    });
    expect(sor.json().terms_url).toBe(`${pubUrl}/versions/1`);
    expect((await t.api('GET', '/api/v1/compliance/dsa/statements')).json().data.find((s: { id: string }) => s.id === sor.json().id).terms_version).toBe(1);

    // a significant change needs a summary, publishes v2, keeps v1 as history, records the notice to users
    expect((await t.api('PUT', '/api/v1/compliance/terms/appeal-procedure/draft', { title: 'How to appeal a moderation decision', sections: [...sections, { id: 'notifiers', heading: 'Notifiers can appeal too', body: 'If you reported content, you can appeal our decision on it.' }], significant: true })).json().version).toBe(2);
    expectProblem(await t.api('POST', '/api/v1/compliance/terms/appeal-procedure/publish'), 422, 'CHANGE_SUMMARY_REQUIRED');
    await t.api('PUT', '/api/v1/compliance/terms/appeal-procedure/draft', { title: 'How to appeal a moderation decision', sections: [...sections, { id: 'notifiers', heading: 'Notifiers can appeal too', body: 'If you reported content, you can appeal our decision on it.' }], significant: true, change_summary: 'Notifiers can now appeal decisions on their notices.' });
    t.clock.set('2025-11-01T09:00:00Z');
    expect((await t.api('POST', '/api/v1/compliance/terms/appeal-procedure/publish')).json()).toMatchObject({ version: 2, status: 'published' });
    const versions = (await t.api('GET', '/api/v1/compliance/terms/appeal-procedure/versions')).json().data;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'published'], [1, 'superseded']]);
    expect((await t.app.inject({ method: 'GET', url: `${pubUrl}?format=json` })).json().version).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: `${pubUrl}/versions/1?format=json` })).json()).toMatchObject({ version: 1, status: 'superseded' });
    expect((await t.app.inject({ method: 'GET', url: `${pubUrl}/history` })).json().data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const notices = (await eventNames('compliance.terms_')).filter((e) => e.name === 'compliance.terms_change_notice');
    expect(notices).toHaveLength(1);
    expect(notices[0].payload).toMatchObject({ version: 2, summary: 'Notifiers can now appeal decisions on their notices.', url: `${pubUrl}/versions/2` });

    // the old statement still points at v1; an appeal decision now links v2
    const appeal = (await t.api('POST', '/api/v1/compliance/dsa/appeals', { statement_id: sor.json().id, appellant_type: 'recipient', reasons: 'Context was news reporting' })).json();
    const dec = (await t.api('POST', `/api/v1/compliance/dsa/appeals/${appeal.id}/decide`, { decision: 'upheld', reasons: 'The footage is not news reporting' })).json();
    expect(dec.terms_url).toBe(`${pubUrl}/versions/2`);
    expect(dec.reply).toContain(`${pubUrl}/versions/2`);
    expect((await t.api('GET', '/api/v1/compliance/dsa/appeals')).json().data[0]).toMatchObject({ id: appeal.id, decision: 'upheld', reviewer_id: t.admin.id });
    // another workspace's page is not served under this id, and drafts never are
    expect((await t.app.inject({ method: 'GET', url: `/public/v1/compliance/terms/${t.workspaceId}/content-moderation` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${pubUrl}/versions/3` })).statusCode).toBe(404);
  });
});
