/** Which saved method a payer pays with until they choose, apart from the choice's markup (which loads with the pay form). */
import type { SavedMethod } from '../contract/self-service.ts';

/** The value of the "new card or bank account" choice. */
export const NEW_METHOD = 'new';

/** The saved method to preselect: the default, else the first. */
export function preferredMethod(methods: readonly SavedMethod[]): SavedMethod | undefined {
  return methods.find((m) => m.isDefault) ?? methods[0];
}
