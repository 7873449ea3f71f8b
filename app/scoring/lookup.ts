/**
 * Lookups into a framework, shared by the scoring steps (internal; not re-exported by index.ts).
 * Each call builds its maps afresh: a framework has about a hundred fields, and keeping no cache keeps
 * the engine free of state.
 */
import type { Field, Framework, Indicator, Instrument, InstrumentCode, Item, Scale } from "./framework";

export interface FieldInfo {
  field: Field;
  item: Item;
  indicator: Indicator;
  instrument: InstrumentCode;
  scale: Scale;
}

/** Every answer field of the survey instruments by its name, with its item, indicator and scale. */
export function indexFields(framework: Framework): Map<string, FieldInfo> {
  const indicators = indexIndicators(framework);
  const out = new Map<string, FieldInfo>();
  for (const item of framework.items) {
    const indicator = indicators.get(item.indicator);
    if (!indicator) throw new Error(`Item ${item.code} names an unknown indicator ${item.indicator}`);
    for (const field of item.fields) {
      const scale = framework.scales[field.scale];
      if (!scale) throw new Error(`Field ${field.name} names an unknown scale ${field.scale}`);
      out.set(field.name, { field, item, indicator, instrument: indicator.instrument, scale });
    }
  }
  return out;
}

export function indexIndicators(framework: Framework): Map<string, Indicator> {
  return new Map(framework.indicators.map((i) => [i.code, i]));
}

export function indexItems(framework: Framework): Map<string, Item> {
  return new Map(framework.items.map((i) => [i.code, i]));
}

export function indexInstruments(framework: Framework): Map<InstrumentCode, Instrument> {
  return new Map(framework.instruments.map((i) => [i.code, i]));
}

/** The instrument of an indicator; throws for an indicator or instrument the framework does not define. */
export function instrumentOf(framework: Framework, indicator: Indicator): Instrument {
  const instrument = framework.instruments.find((i) => i.code === indicator.instrument);
  if (!instrument) throw new Error(`Indicator ${indicator.code} names an unknown instrument ${indicator.instrument}`);
  return instrument;
}

/** The largest of the numbers, 0 for none (answer counts). */
export function maxOf(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}
