import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Moderate rules the issue named: a level-one heading on every view, landmarks with distinct names. */
const NAMED = new Set(['page-has-heading-one', 'landmark-unique']);

/**
 * axe-core (WCAG 2.x A and AA rules, plus best practices) over the page: each serious or critical violation,
 * and each of the two moderate rules in NAMED, listed with its nodes. `within`: a panel or dialog over a page
 * already checked whole; the rest of the page is not checked again.
 */
export async function seriousViolations(page: Page, view: string, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (within) builder.include(within).disableRules(['page-has-heading-one', 'region']);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || NAMED.has(v.id))
    .map((v) => `${view}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
}
