/** The raw series of one entity as the training pipeline reads it from the store. Pure types. */

/**
 * One entity (asset, unit or wide-format sequence) with every stored column read whole.
 * Missing values are NaN; category columns hold integer codes (names in ColumnProfile.categories).
 */
export interface EntitySeries {
  name: string;
  /** Class label of a wide-format sequence, else null. */
  label: string | null;
  /** The time column (epoch ms for datetime, the step for index), or null when rows are the time axis. */
  time: Float64Array | null;
  /** Every non-time stored column by name, each as long as the entity. */
  columns: Record<string, Float64Array>;
}
