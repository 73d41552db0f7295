// Moving focus the way a keyboard user does: Tab until the wanted element has it.
import type { Locator, Page } from '@playwright/test';

function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element: unknown) => {
    const doc: unknown = Reflect.get(globalThis, 'document');
    return typeof doc === 'object' && doc !== null && Reflect.get(doc, 'activeElement') === element;
  });
}

/** Presses Tab until `target` has focus; returns how many presses it took, or throws after `maxPresses`. */
export async function tabUntilFocused(page: Page, target: Locator, maxPresses = 40): Promise<number> {
  for (let presses = 1; presses <= maxPresses; presses += 1) {
    await page.keyboard.press('Tab');
    if (await hasFocus(target)) return presses;
  }
  throw new Error(`${String(target)} did not receive focus within ${maxPresses} presses of Tab`);
}
