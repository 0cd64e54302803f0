/**
 * Hosts change the words at run time, without rebuilding: override any term
 * of a shipped language, or add a language of their own. (A page of its own:
 * what one test registers stays registered for the tests after it.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import { registerTerms, type IcOneTimePay } from '../../src/index.ts';
import { button, visibleText } from './helpers/dom.ts';

const mount = (lang: string) => fixture<IcOneTimePay>(html`<ic-one-time-pay lang=${lang}></ic-one-time-pay>`);

describe('terms at run time (registerTerms)', () => {
  it('a language the package does not ship: its terms, English for the rest, its own number formats', async () => {
    const before = await mount('fr');
    expect(visibleText(before)).to.contain('Find your bill');
    registerTerms('fr', { findBillHeading: 'Trouvez votre facture', findBill: 'Trouver ma facture' });
    await before.updateComplete;
    // An element already on the page switches at once.
    expect(visibleText(before)).to.contain('Trouvez votre facture');
    const el = await mount('fr-CA');
    await expect(el).to.be.accessible();
    expect(button(el, 'Trouver ma facture')).to.exist;
    expect(visibleText(el)).to.contain('Account number');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.contain('Trouvez votre facture');
  });

  it('overrides one English term; everything else stays as shipped', async () => {
    const el = await mount('en');
    registerTerms('en', { findBill: 'Look up my bill' });
    await el.updateComplete;
    expect(button(el, 'Look up my bill')).to.exist;
    expect(visibleText(el)).to.contain('Find your bill');
  });

  it('an override of Spanish set before the Spanish terms load still wins once they have', async () => {
    registerTerms('es', { findBill: 'Consultar mi factura' });
    const el = await mount('es');
    expect(button(el, 'Consultar mi factura')).to.exist;
    expect(visibleText(el)).to.contain('Busque su factura');
  });

  it('refuses what is not a language code', () => {
    expect(() => registerTerms('not a language', {})).to.throw(TypeError);
  });
});
