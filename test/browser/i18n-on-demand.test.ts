import { expect } from '@open-wc/testing';
import '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import type { IcOneTimePay } from '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import { term } from '../../src/i18n/localize.ts';
import { enGuest } from '../../src/i18n/terms/guest.ts';

// Each test file runs in a page of its own: nothing here has asked for Spanish yet.
describe('Spanish, loaded on demand', () => {
  it('is not loaded until something asks for it (terms read as English)', () => {
    expect(term('es', enGuest, 'stepOf', 1, 4)).to.equal('Step 1 of 4');
  });

  it('an element in Spanish waits for it, then renders in Spanish only', async () => {
    const el = document.createElement('ic-one-time-pay') as IcOneTimePay;
    el.lang = 'es';
    const english = document.createElement('ic-one-time-pay') as IcOneTimePay;
    english.lang = 'en';
    const texts: string[] = [];
    document.body.append(el, english);
    new MutationObserver(() => texts.push(el.shadowRoot!.textContent ?? '')).observe(el.shadowRoot!, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    await english.updateComplete;
    // The English element has rendered; the Spanish one is still waiting for its terms.
    expect(english.hasUpdated).to.equal(true);
    expect(el.hasUpdated).to.equal(false);
    await el.updateComplete;
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.textContent).to.contain('Busque su factura');
    expect(texts.length).to.be.greaterThan(0);
    expect(texts.join('\n')).to.not.contain('Find your bill');
    expect(term('es', enGuest, 'stepOf', 1, 4)).to.equal('Paso 1 de 4');
    el.remove();
    english.remove();
  });

  it('once loaded, an element switches language at once', async () => {
    const el = document.createElement('ic-one-time-pay') as IcOneTimePay;
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Find your bill');
    el.lang = 'es-MX';
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Busque su factura');
    el.remove();
  });
});
