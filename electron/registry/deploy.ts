/**
 * Deploy and rollback: the quality gates run first; a failed gate blocks the deploy unless it is
 * forced with a reason, and every move of an alias is recorded with its time, reason and gates.
 */
import type Database from 'better-sqlite3';
import { UserError } from '../../shared/errors';
import { checkAliasName } from '../../shared/registry/model-ref';
import { checkColumns, compatibilityGate, type RequiredColumn } from '../../shared/registry/compatibility';
import { describeFailures, runGates, type GateSubject } from '../../shared/registry/gates';
import type { AliasEvent, DeployRequest, DeployResult, GateReport, GateResult, ModelVersionDetail } from '../../shared/registry/types';
import { getDatasetDetail } from '../store/dataset-repo';
import { getModel } from '../store/models-repo';
import { rollbackTarget } from '../../shared/registry/alias-stack';
import { aliasHistory, aliasTarget, moveAlias } from './alias-repo';
import { getPolicy, getReference } from './registry-repo';
import { readVersionMetadata, versionDetail } from './version-detail';

/** The alias a deploy or rollback moves when none is named. */
export const DEFAULT_ALIAS = 'production';

/** What the gates read of a version. */
function subject(d: ModelVersionDetail): GateSubject {
  return {
    name: d.name,
    version: d.version,
    task: d.task,
    metrics: d.metrics,
    createdAt: d.createdAt,
    fingerprint: d.lineage.fingerprint,
    dataEnd: d.dataPeriod?.kind === 'datetime' ? d.dataPeriod.end : null,
  };
}

/** The columns a version reads (inputs before feature engineering, and forecast targets) with their training ranges. */
export function requiredColumns(db: Database.Database, d: ModelVersionDetail): RequiredColumn[] {
  const metadata = readVersionMetadata(d);
  const stored = new Set(metadata.training.columns);
  const names = [...new Set([...metadata.featureNames.filter((n) => stored.has(n)), ...(d.task === 'forecast' ? metadata.targetNames : [])])];
  const reference = getReference(db, d.name, d.version);
  return names.map((name) => {
    const f = reference?.features.find((x) => x.name === name);
    return { name, reference: f && Number.isFinite(f.min) ? { min: f.min, max: f.max, mean: f.mean } : null };
  });
}

/** The compatibility gate of a version against a stored dataset. */
export function datasetCompatibility(db: Database.Database, d: ModelVersionDetail, datasetId: number): GateResult {
  const dataset = getDatasetDetail(db, datasetId);
  return compatibilityGate(dataset.summary.name, checkColumns(requiredColumns(db, d), dataset.columns));
}

/** Metrics measured on the candidate's held-out test split (and the version in service on the same data). */
export interface TestMetrics {
  /** null when the test split could not be scored (the stored metrics are used; `notes` say why). */
  candidate: Record<string, number> | null;
  baselineLabel: string | null;
  inService: Record<string, number> | null;
  /** Where the version in service was measured, when not on the same test split. */
  inServiceOn?: string;
  notes: string[];
}

/** The version a gate report compares against: the one the alias points at, unless it is the candidate. */
export function inServiceVersion(db: Database.Database, name: string, version: number, alias: string): number | null {
  const current = aliasTarget(db, name, alias);
  return current !== null && current !== version ? current : null;
}

/**
 * Runs the gates of `name@version` for `alias` (against the version in service there), on the
 * metrics stored at training or, when given, on the test-split metrics of an evaluation.
 */
export function gateReport(db: Database.Database, req: { name: string; version: number; alias?: string; datasetId?: number }, now = Date.now(), test?: TestMetrics): GateReport {
  const alias = checkAliasName(req.alias ?? DEFAULT_ALIAS);
  const candidate = versionDetail(db, getModel(db, req.name, req.version));
  const current = inServiceVersion(db, req.name, req.version, alias);
  const inService = current !== null ? versionDetail(db, getModel(db, req.name, current)) : null;
  const onTest = test?.candidate ? test : undefined;
  const candidateSubject = onTest ? { ...subject(candidate), metrics: onTest.candidate!, baselineLabel: onTest.baselineLabel ?? undefined } : subject(candidate);
  const inServiceSubject = inService ? (onTest?.inService ? { ...subject(inService), metrics: onTest.inService, measuredOn: onTest.inServiceOn } : subject(inService)) : null;
  return runGates({
    candidate: candidateSubject,
    alias,
    inService: inServiceSubject,
    policy: getPolicy(db, req.name),
    basis: onTest ? 'test' : 'validation',
    compatibility: req.datasetId === undefined ? null : datasetCompatibility(db, candidate, req.datasetId),
    datasetId: req.datasetId ?? null,
    now,
    notes: test?.notes ?? [],
  });
}

/**
 * Points the alias at the version when every gate passes, or when forced with a reason (recorded
 * as an override). Throws a UserError listing the failed gates otherwise.
 */
export function deployVersion(db: Database.Database, req: DeployRequest, now = Date.now(), test?: TestMetrics): DeployResult {
  const alias = checkAliasName(req.alias ?? DEFAULT_ALIAS);
  const current = aliasTarget(db, req.name, alias);
  if (current === req.version) throw new UserError(`${req.name} v${req.version} is already ${alias}: nothing to deploy.`);
  const reason = (req.reason ?? '').trim();
  if (req.force && !reason) throw new UserError('Overriding the gates needs a reason, which is recorded with the deploy: add --reason "why".');
  const report = gateReport(db, { ...req, alias }, now, test);
  if (!report.passed && !req.force) {
    throw new UserError(
      `${req.name} v${req.version} was not deployed as ${alias}: ${describeFailures(report).join(' ')} ` +
        'Fix what failed, or override the gates with a reason (CLI: --force --reason "why"); the override is recorded.',
    );
  }
  const event = moveAlias(db, {
    name: req.name,
    alias,
    action: 'deploy',
    fromVersion: current,
    toVersion: req.version,
    at: new Date(now).toISOString(),
    reason,
    forced: !report.passed,
    gates: report.gates,
  });
  return { event, report };
}

/** Moves the alias back to the version it pointed at before (skipping versions deleted since). */
export function rollbackAlias(db: Database.Database, req: { name: string; alias?: string; reason?: string }, now = Date.now()): AliasEvent {
  const alias = checkAliasName(req.alias ?? DEFAULT_ALIAS);
  getModel(db, req.name);
  const current = aliasTarget(db, req.name, alias);
  if (current === null) throw new UserError(`${req.name} has no ${alias} version to roll back: deploy one first.`);
  const target = rollbackTarget(aliasHistory(db, req.name, alias), alias, (v) => versionExists(db, req.name, v));
  if (target === null) {
    throw new UserError(`${req.name} ${alias} has no earlier version to roll back to (v${current} is the first deployed that still exists). Deploy another version instead.`);
  }
  return moveAlias(db, {
    name: req.name,
    alias,
    action: 'rollback',
    fromVersion: current,
    toVersion: target,
    at: new Date(now).toISOString(),
    reason: (req.reason ?? '').trim(),
    forced: false,
    gates: [],
  });
}

function versionExists(db: Database.Database, name: string, version: number): boolean {
  return db.prepare('SELECT 1 FROM models WHERE name = ? AND version = ?').get(name, version) !== undefined;
}
