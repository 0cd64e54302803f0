import { expect } from '@open-wc/testing';
import { centsToInput, formatCents, formatDate, parseAmount } from '../../src/i18n/money.ts';

describe('money', () => {
  describe('formatCents', () => {
    it('formats US dollars in English and Spanish', () => {
      expect(formatCents(8420, 'en')).to.equal('$84.20');
      expect(formatCents(123450, 'en')).to.equal('$1,234.50');
      expect(formatCents(0, 'en')).to.equal('$0.00');
      expect(formatCents(8420, 'es')).to.match(/84\.20/);
      expect(formatCents(8420, 'es')).to.contain('$');
    });
  });

  describe('centsToInput', () => {
    it('gives a plain amount for an input to start with', () => {
      expect(centsToInput(8420)).to.equal('84.20');
      expect(centsToInput(5)).to.equal('0.05');
      expect(centsToInput(123450)).to.equal('1234.50');
    });
  });

  describe('parseAmount', () => {
    it('reads the ways people type an amount', () => {
      expect(parseAmount('84.20')).to.equal(8420);
      expect(parseAmount('$84.2')).to.equal(8420);
      expect(parseAmount('1,234.50')).to.equal(123450);
      expect(parseAmount(' $ 1,234.50 ')).to.equal(123450);
      expect(parseAmount('84')).to.equal(8400);
      expect(parseAmount('84.')).to.equal(8400);
      expect(parseAmount('.5')).to.equal(50);
      expect(parseAmount('0')).to.equal(0);
      expect(parseAmount('1,000,000.00')).to.equal(100000000);
    });
    it('rejects garbage rather than guessing', () => {
      for (const bad of ['', ' ', '.', 'abc', '84.201', '-5', '84,20', '1,23.00', '12,3456', '$', '8 4', '1e3', '0x10', '84.2.0']) {
        expect(parseAmount(bad), JSON.stringify(bad)).to.equal(null);
      }
    });
  });

  describe('formatDate', () => {
    it('shows the calendar date whatever the time zone', () => {
      expect(formatDate('2026-12-15', 'en')).to.equal('December 15, 2026');
      expect(formatDate('2026-12-15', 'es')).to.equal('15 de diciembre de 2026');
    });
  });
});
