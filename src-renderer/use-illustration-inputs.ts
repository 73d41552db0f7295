// The compare screen's illustration inputs (issue 13) as one hook: the form as typed, what to send
// once typing pauses (null while an input is wrong), and what the fields need to know from the
// comparisons shown (whether a product has an MVA; the FIA strategies to tick or untick, learnt
// from the sections, which list every active strategy until the rep unticks one).
import { useEffect, useState } from 'react';
import type { Comparison } from '../src-shared/comparison.js';
import type { KnownStrategy } from './components/illustration-fields.js';
import { checkIllustrationForm, chosenStrategyIds, DEFAULT_ILLUSTRATION_FORM, type IllustrationForm, type IllustrationValue } from './illustration-inputs.js';
import { useDebounced } from './use-debounced.js';

export type IllustrationRequest = IllustrationValue & { strategyIds?: string[] };

export function useIllustrationInputs(years: number | null) {
  const [form, setForm] = useState<IllustrationForm>(DEFAULT_ILLUSTRATION_FORM);
  const [known, setKnown] = useState<{ hasMva: boolean; strategies: KnownStrategy[] }>({ hasMva: false, strategies: [] });
  const [latest, setLatest] = useState<Comparison | null>(null);
  const shownCheck = checkIllustrationForm(form, years);
  const settled = checkIllustrationForm(useDebounced(form, 300), years);
  const strategyIds = chosenStrategyIds(
    known.strategies.map((strategy) => strategy.strategyId),
    form.excludedStrategyIds,
  );
  const request: IllustrationRequest | null = settled.ok ? { ...settled.value, ...(strategyIds === undefined ? {} : { strategyIds }) } : null;

  useEffect(() => {
    if (latest === null) return;
    setKnown((current) => {
      const strategies = new Map(current.strategies.map((strategy) => [strategy.strategyId, strategy]));
      for (const column of latest.products) {
        for (const strategy of column.fia?.strategies ?? []) {
          strategies.set(strategy.strategyId, { strategyId: strategy.strategyId, label: `${column.productName}: ${strategy.strategyName}${strategy.indexName === null ? '' : ` (${strategy.indexName})`}` });
        }
      }
      const hasMva = latest.products.some((column) => column.mva !== undefined);
      return hasMva === current.hasMva && strategies.size === current.strategies.length ? current : { hasMva, strategies: [...strategies.values()] };
    });
  }, [latest]);

  return {
    request,
    /** Called with each comparison shown (null while none is). */
    learnFrom: (comparison: Comparison | null) => {
      if (comparison !== null && comparison !== latest) setLatest(comparison);
    },
    fieldProps: { form, errors: shownCheck.ok ? {} : shownCheck.errors, onChange: setForm, hasMva: known.hasMva, strategies: known.strategies },
  };
}
