import { expect, fixture, html } from '@open-wc/testing';
import { es as spanish } from '../../src/i18n/i18n-es.ts';
import { englishTerms as english } from '../../src/i18n/english-terms.ts';
import { loadTerms, normalizeLang, resolveLang, term } from '../../src/i18n/localize.ts';
import { enMethodEntry } from '../../src/i18n/terms/method-entry.ts';
import { enPayFlow } from '../../src/i18n/terms/pay-flow.ts';

// The Spanish module itself, imported directly: the same table the on-demand chunk carries.
const TERMS = { en: english, es: spanish };

describe('i18n', () => {
  it('Spanish has every English key and no other', () => {
    const en = Object.keys(TERMS.en).sort();
    const es = Object.keys(TERMS.es).sort();
    expect(
      es.filter((k) => !en.includes(k)),
      'extra in es',
    ).to.deep.equal([]);
    expect(
      en.filter((k) => !es.includes(k)),
      'missing in es',
    ).to.deep.equal([]);
  });

  it('every term has the same kind (text or function of the same arity) in both languages', () => {
    for (const key of Object.keys(TERMS.en) as (keyof typeof TERMS.en)[]) {
      const a = TERMS.en[key];
      const b = TERMS.es[key];
      expect(typeof b, key).to.equal(typeof a);
      if (typeof a === 'function' && typeof b === 'function') expect(b.length, key).to.equal(a.length);
      if (typeof a === 'string') expect((b as string).trim(), key).to.not.equal('');
    }
  });

  it('fills in arguments', async () => {
    await loadTerms('es');
    expect(term('en', enPayFlow, 'pay', '$84.20')).to.equal('Pay $84.20');
    expect(term('es', enPayFlow, 'pay', '$84.20')).to.equal('Pagar $84.20');
    expect(term('en', enMethodEntry, 'fixFields', 1)).to.equal('Please fix 1 field.');
    expect(term('en', enMethodEntry, 'fixFields', 3)).to.equal('Please fix 3 fields.');
  });

  it('normalizes language tags', () => {
    expect(normalizeLang('es-MX')).to.equal('es');
    expect(normalizeLang('EN_us')).to.equal('en');
    expect(normalizeLang('fr')).to.equal(undefined);
    expect(normalizeLang('')).to.equal(undefined);
  });

  describe('resolveLang', () => {
    afterEach(() => document.documentElement.removeAttribute('lang'));

    it('uses the element’s own lang first', async () => {
      const el = await fixture(html`<div lang="en"><span lang="es-US"></span></div>`);
      expect(resolveLang(el.querySelector('span')!)).to.equal('es');
    });

    it('then the nearest ancestor, across shadow roots', async () => {
      const host = await fixture(html`<div lang="es"><section></section></div>`);
      const section = host.querySelector('section')!;
      const root = section.attachShadow({ mode: 'open' });
      const inner = document.createElement('p');
      root.append(inner);
      expect(resolveLang(inner)).to.equal('es');
    });

    it('then the document, then English', async () => {
      const el = await fixture(html`<p></p>`);
      document.documentElement.lang = 'es';
      expect(resolveLang(el)).to.equal('es');
      document.documentElement.removeAttribute('lang');
      expect(resolveLang(el)).to.equal('en');
    });

    it('falls back to English when the nearest language is not shipped', async () => {
      const el = await fixture(html`<div lang="es"><p lang="fr"></p></div>`);
      expect(resolveLang(el.querySelector('p')!)).to.equal('en');
    });
  });
});
