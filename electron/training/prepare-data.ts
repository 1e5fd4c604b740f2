import type Database from 'better-sqlite3';
import type { VariantConfig } from '../../shared/model/variant';
import { prepareFromSeries } from '../../shared/training/prepare-pipeline';
import type { PreparedData } from '../../shared/training/prepared';
import { loadEntitySeries } from './load-series';
import type { EntitySeries } from '../../shared/training/entity-series';

/**
 * Prepares a stored dataset for training with a config: loads its series, then runs the pure
 * pipeline (fill, engineer, resolve, split, scale on training rows only, window). The dataset's
 * fingerprint travels with the result. Errors name the config field to change.
 */
export function prepareTrainingData(db: Database.Database, datasetId: number, config: VariantConfig): PreparedData {
  return prepareWithSeries(db, datasetId, config).prepared;
}

/** prepareTrainingData, with the entity series the windows were cut from (what the baselines read). */
export function prepareWithSeries(db: Database.Database, datasetId: number, config: VariantConfig): { prepared: PreparedData; series: EntitySeries[] } {
  const { detail, series } = loadEntitySeries(db, datasetId);
  return { prepared: prepareFromSeries(detail, series, config), series };
}
