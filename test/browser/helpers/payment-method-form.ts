/** Driving the `<ic-payment-method-form>` that the payment elements embed. */
import { field, typeInto } from './dom.ts';

/** The payment-method form in `el`'s shadow root. */
export const methodForm = (el: Element) => el.shadowRoot!.querySelector('ic-payment-method-form')!;

/** Types a card into the form with real key presses: `number`, a future expiry, `nameOnCard`. */
export async function typeCard(form: Element, number: string, nameOnCard: string): Promise<void> {
  await typeInto(field(form, 'Card number'), number);
  await typeInto(field(form, 'Expiration'), '1230');
  await typeInto(field(form, 'Security code'), '123');
  await typeInto(field(form, 'Name on card'), nameOnCard);
  await typeInto(field(form, 'ZIP code'), '62701');
}
