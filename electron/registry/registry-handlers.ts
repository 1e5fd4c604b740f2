/** The registry's operations of the API contract: versions, aliases, gates, deploy and rollback, compare, delete. */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Handlers } from '../../shared/api';
import { UserError } from '../../shared/errors';
import { DEFAULT_POLICY, type GatesRequest, type ModelPolicy } from '../../shared/registry/types';
import type { AppContext } from '../app/context';
import { getDriftCheck, listDriftChecks } from '../drift/drift-repo';
import { getModel, modelFolderName } from '../store/models-repo';
import { aliasHistory } from './alias-repo';
import { compareVersions } from './compare';
import { deployVersion, gateReport, rollbackAlias, type TestMetrics } from './deploy';
import { importKerasModel } from './keras-import';
import { exportVersion, importVersion } from './portable';
import { deleteVersionRow, getPolicy, setPolicy, updateVersionInfo } from './registry-repo';
import { resolveModelRef } from './resolve-ref';
import { measureOnTest } from './test-gates';
import { registeredModels, versionDetail } from './version-detail';

type RegistryOps =
  | 'models:registry'
  | 'models:get'
  | 'models:update'
  | 'models:gates'
  | 'models:deploy'
  | 'models:rollback'
  | 'models:history'
  | 'models:compare'
  | 'models:delete'
  | 'models:policy'
  | 'models:setPolicy'
  | 'models:export'
  | 'models:exportData'
  | 'models:import'
  | 'models:importKeras'
  | 'drift:history'
  | 'drift:get';

/** Implements the registry operations on the project database. */
export function createRegistryHandlers(ctx: AppContext): Pick<Handlers, RegistryOps> {
  const { db } = ctx;
  return {
    'models:registry': async () => registeredModels(db),
    'models:get': async ({ ref }) => versionDetail(db, resolveModelRef(db, ref)),
    'models:update': async ({ name, version, tags, notes }) => {
      getModel(db, name, version);
      updateVersionInfo(db, name, version, { tags: tags === undefined ? undefined : checkTags(tags), notes: notes === undefined ? undefined : checkNotes(notes) });
      return versionDetail(db, getModel(db, name, version));
    },
    'models:gates': async (req) => (req.evaluate ? withTestMetrics(ctx, req, (test) => gateReport(db, req, Date.now(), test)) : gateReport(db, req)),
    'models:deploy': async (req) => {
      const result = req.evaluate ? await withTestMetrics(ctx, req, (test) => deployVersion(db, req, Date.now(), test)) : deployVersion(db, req);
      ctx.events.emit('models:aliasMoved', result.event);
      return result;
    },
    'models:rollback': async (req) => {
      const event = rollbackAlias(db, req);
      ctx.events.emit('models:aliasMoved', event);
      return event;
    },
    'models:history': async ({ name, alias }) => {
      getModel(db, name);
      return aliasHistory(db, name, alias);
    },
    'models:compare': async ({ a, b }) => compareVersions(db, a, b),
    'models:delete': async ({ name, version }) => {
      const dir = deleteVersionRow(db, name, version);
      fs.rmSync(dir, { recursive: true, force: true });
      return { deleted: true };
    },
    'models:policy': async ({ name }) => {
      getModel(db, name);
      return getPolicy(db, name);
    },
    'models:setPolicy': async ({ name, policy }) => {
      getModel(db, name);
      const checked = checkPolicy({ ...DEFAULT_POLICY, ...getPolicy(db, name), ...policy });
      setPolicy(db, name, checked);
      return checked;
    },
    'models:export': async ({ ref, path: out }) => {
      const target = out ?? defaultExportPath(ctx.home, resolveModelRef(db, ref));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      return exportVersion(db, ref, target);
    },
    'models:exportData': async ({ ref }) => {
      const target = defaultExportPath(ctx.home, resolveModelRef(db, ref));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const result = exportVersion(db, ref, target);
      return { ...result, fileName: path.basename(target), base64: fs.readFileSync(result.path).toString('base64') };
    },
    'models:import': async ({ path: file, name }) => importVersion(db, ctx.home, file, name),
    'models:importKeras': async (req) => importKerasModel(db, ctx.home, req),
    'drift:history': async ({ name }) => {
      getModel(db, name);
      return listDriftChecks(db, name);
    },
    'drift:get': async ({ id }) => {
      const report = getDriftCheck(db, id);
      if (!report) throw new UserError(`There is no drift check ${id}. Run \`lstm-studio drift --model NAME --data ID\` to make one.`);
      return report;
    },
  };
}

function checkTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) throw new UserError('Tags must be a list of words, such as ["baseline", "summer"].');
  const clean = [...new Set(tags.map((t) => String(t).trim()).filter((t) => t !== ''))];
  const bad = clean.find((t) => t.length > 40 || hasCommaOrControl(t));
  if (bad !== undefined) throw new UserError(`The tag "${bad}" cannot be used: give at most 40 printable characters without commas.`);
  return clean;
}

function checkNotes(notes: unknown): string {
  const text = String(notes);
  if (text.length > 10_000) throw new UserError(`Notes are limited to 10,000 characters; these have ${text.length.toLocaleString('en-US')}.`);
  return text;
}

function checkPolicy(p: ModelPolicy): ModelPolicy {
  const days = (v: unknown, field: string) => {
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new UserError(`${field} must be a positive number of days, or empty for no limit.`);
    return v;
  };
  if (typeof p.driftShare !== 'number' || !(p.driftShare > 0 && p.driftShare <= 1)) {
    throw new UserError('The drift alert threshold must be a share of features between 0 and 1 (e.g. 0.5 = half the features drift).');
  }
  if (!Array.isArray(p.thresholds)) throw new UserError('Thresholds must be a list such as [{"metric": "mae", "op": "<=", "value": 2.5}].');
  for (const t of p.thresholds) {
    if (!t || typeof t.metric !== 'string' || !['<=', '>=', '<', '>'].includes(t.op) || typeof t.value !== 'number' || !Number.isFinite(t.value)) {
      throw new UserError(`The threshold ${JSON.stringify(t)} cannot be used: give a metric, an operator (<=, >=, <, >) and a number.`);
    }
  }
  if (p.baselineGate !== 'best' && p.baselineGate !== 'naive') throw new UserError(`The baseline gate must be "best" (the best baseline measured) or "naive" (the last value; mean RUL; majority class); got ${JSON.stringify(p.baselineGate)}.`);
  return { thresholds: p.thresholds, maxModelAgeDays: days(p.maxModelAgeDays, 'The model age limit'), maxDataAgeDays: days(p.maxDataAgeDays, 'The data age limit'), driftShare: p.driftShare, baselineGate: p.baselineGate };
}

/** `<home>/exports/<safe name>-v<version>.lsmodel`. */
function defaultExportPath(home: string, m: { name: string; version: number }): string {
  return path.join(home, 'exports', `${modelFolderName(m.name)}-v${m.version}.lsmodel`);
}

/** Measures the test-split metrics as a job (progress, cancel), then runs `then` with them. */
async function withTestMetrics<T>(ctx: AppContext, req: GatesRequest, then: (test: TestMetrics) => T): Promise<T> {
  return ctx.jobs.run(req.jobId || `gates-${randomUUID()}`, 'analysis', async (job) =>
    then(await measureOnTest(ctx, req, job, (phase, fraction) => job.progress({ phase, fraction }))),
  );
}

/** True when a tag holds a comma or a control character (code points below 32). */
function hasCommaOrControl(tag: string): boolean {
  return [...tag].some((ch) => ch === ',' || ch.charCodeAt(0) < 32);
}
