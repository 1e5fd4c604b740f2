/**
 * Versioned schema migrations, applied in order; the database's `user_version` is the number applied.
 * Never edit a released migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: datasets, their columns and entities, and columnar series chunks */ `
  CREATE TABLE app_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('long', 'wide')),
    source_path TEXT,
    size_bytes INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    time_column TEXT,
    time_kind TEXT NOT NULL CHECK (time_kind IN ('datetime', 'index', 'row')),
    entity_column TEXT,
    label_column TEXT,
    row_count INTEGER NOT NULL DEFAULT 0,
    entity_count INTEGER NOT NULL DEFAULT 0,
    interval REAL,
    regularity REAL,
    gap_count INTEGER NOT NULL DEFAULT 0,
    largest_gaps_json TEXT NOT NULL DEFAULT '[]',
    warnings_json TEXT NOT NULL DEFAULT '[]',
    options_json TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
  );
  CREATE TABLE dataset_columns (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('time', 'feature', 'label')),
    type TEXT NOT NULL CHECK (type IN ('number', 'category', 'datetime', 'index')),
    count INTEGER NOT NULL,
    missing INTEGER NOT NULL,
    min REAL, max REAL, mean REAL, std REAL,
    categories_json TEXT,
    PRIMARY KEY (dataset_id, idx)
  );
  CREATE TABLE entities (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    label TEXT,
    length INTEGER NOT NULL,
    start REAL,
    end REAL,
    gaps INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dataset_id, idx)
  );
  CREATE TABLE series_chunks (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    entity_idx INTEGER NOT NULL,
    column_idx INTEGER NOT NULL,
    chunk_idx INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  CREATE UNIQUE INDEX series_chunks_key ON series_chunks (dataset_id, entity_idx, column_idx, chunk_idx);
  `,
  /* 2: training runs (one row per run, history as it arrives) and the model registry (name, version) */ `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    dataset_id INTEGER NOT NULL,
    dataset_name TEXT NOT NULL,
    task TEXT NOT NULL CHECK (task IN ('forecast', 'regress', 'rul', 'classify')),
    preset TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
    config_json TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    split_json TEXT,
    history_json TEXT NOT NULL DEFAULT '[]',
    started_at TEXT NOT NULL,
    duration_ms INTEGER,
    backend TEXT,
    metrics_json TEXT NOT NULL DEFAULT '{}',
    model_name TEXT,
    model_version INTEGER,
    error TEXT,
    owner_pid INTEGER
  );
  CREATE INDEX runs_by_dataset ON runs (dataset_id, started_at);
  CREATE TABLE models (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    path TEXT NOT NULL,
    task TEXT NOT NULL CHECK (task IN ('forecast', 'regress', 'rul', 'classify')),
    run_id TEXT NOT NULL,
    dataset_id INTEGER NOT NULL,
    dataset_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    metrics_json TEXT NOT NULL DEFAULT '{}',
    parameters INTEGER NOT NULL,
    PRIMARY KEY (name, version)
  );
  `,
  /* 3: the registry's operations: tags, notes and lineage of versions, aliases and their moves, gate policies, drift references */ `
  ALTER TABLE models ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE models ADD COLUMN notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE models ADD COLUMN source TEXT NOT NULL DEFAULT 'trained' CHECK (source IN ('trained', 'imported', 'keras'));
  ALTER TABLE models ADD COLUMN lineage_json TEXT;
  CREATE TABLE model_aliases (
    name TEXT NOT NULL,
    alias TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (name, alias),
    FOREIGN KEY (name, version) REFERENCES models (name, version)
  );
  CREATE TABLE alias_events (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    alias TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('deploy', 'rollback')),
    from_version INTEGER,
    to_version INTEGER NOT NULL,
    at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    forced INTEGER NOT NULL DEFAULT 0,
    gates_json TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX alias_events_by_name ON alias_events (name, alias, id);
  CREATE TABLE model_policies (
    name TEXT PRIMARY KEY,
    policy_json TEXT NOT NULL
  );
  CREATE TABLE model_references (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    reference_json TEXT NOT NULL,
    PRIMARY KEY (name, version),
    FOREIGN KEY (name, version) REFERENCES models (name, version) ON DELETE CASCADE
  );
  `,
  /* 4: drift checks of model versions against new data (the latest of the version in service drives its alert) */ `
  CREATE TABLE drift_checks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    dataset_id INTEGER NOT NULL,
    dataset_name TEXT NOT NULL,
    at TEXT NOT NULL,
    drifted INTEGER NOT NULL,
    share REAL NOT NULL,
    share_threshold REAL NOT NULL,
    report_json TEXT NOT NULL
  );
  CREATE INDEX drift_checks_by_model ON drift_checks (name, version, id);
  `,
  /* 5: batch-scoring runs: which version scored which dataset, what was skipped, and the stored results file */ `
  CREATE TABLE scoring_runs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    dataset_id INTEGER NOT NULL,
    dataset_name TEXT NOT NULL,
    at TEXT NOT NULL,
    windows INTEGER NOT NULL,
    path TEXT NOT NULL,
    run_json TEXT NOT NULL
  );
  CREATE INDEX scoring_runs_by_model ON scoring_runs (name, version, at);
  `,
  /* 6: monitoring of served versions: one row per version, alias and minute */ `
  CREATE TABLE monitoring_samples (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    alias TEXT NOT NULL,
    minute TEXT NOT NULL,
    requests INTEGER NOT NULL,
    successes INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    predictions INTEGER NOT NULL,
    p50_ms REAL NOT NULL,
    p95_ms REAL NOT NULL,
    busy_ms REAL NOT NULL,
    rss_mb REAL NOT NULL,
    heap_mb REAL NOT NULL,
    tensor_mb REAL NOT NULL,
    PRIMARY KEY (name, version, alias, minute)
  );
  `,
];