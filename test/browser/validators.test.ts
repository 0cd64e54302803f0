import { expect } from '@open-wc/testing';
import {
  bankAccountNumberValid,
  cardBrand,
  cardNumberValid,
  digitsOnly,
  expiryValid,
  luhnValid,
  parseExpiry,
  postalCodeValid,
  routingNumberValid,
  securityCodeLength,
  securityCodeValid,
} from '../../src/shared/validators.ts';

describe('validators', () => {
  describe('Luhn', () => {
    it('accepts the fixture test cards', () => {
      for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4000000000000002']) {
        expect(luhnValid(n), 'fixture card').to.equal(true);
      }
    });
    it('rejects a changed digit, letters and the empty string', () => {
      expect(luhnValid('4111111111111112')).to.equal(false);
      expect(luhnValid('4111a11111111111')).to.equal(false);
      expect(luhnValid('')).to.equal(false);
    });
  });

  describe('card brand and number', () => {
    it('detects the four networks from the leading digits', () => {
      expect(cardBrand('4111')).to.equal('visa');
      expect(cardBrand('5555')).to.equal('mastercard');
      expect(cardBrand('2221')).to.equal('mastercard');
      expect(cardBrand('3782')).to.equal('amex');
      expect(cardBrand('3400')).to.equal('amex');
      expect(cardBrand('6011')).to.equal('discover');
      expect(cardBrand('65')).to.equal('discover');
      expect(cardBrand('9999')).to.equal('unknown');
      expect(cardBrand('')).to.equal('unknown');
    });
    it('checks length per brand as well as Luhn', () => {
      expect(cardNumberValid('4111111111111111')).to.equal(true);
      expect(cardNumberValid('378282246310005')).to.equal(true);
      // Amex is 15 digits: a 16-digit number starting 37 is not an Amex.
      expect(cardNumberValid('3782822463100050')).to.equal(false);
      expect(cardNumberValid('41111111111')).to.equal(false);
    });
    it('strips the spaces and dashes people type', () => {
      expect(digitsOnly('4111 1111-1111 1111')).to.equal('4111111111111111');
    });
  });

  describe('security code', () => {
    it('is 4 digits for American Express and 3 for the others', () => {
      expect(securityCodeLength('amex')).to.equal(4);
      expect(securityCodeLength('visa')).to.equal(3);
      expect(securityCodeLength('unknown')).to.equal(3);
      expect(securityCodeValid('1234', 'amex')).to.equal(true);
      expect(securityCodeValid('123', 'amex')).to.equal(false);
      expect(securityCodeValid('123', 'visa')).to.equal(true);
      expect(securityCodeValid('1234', 'visa')).to.equal(false);
      expect(securityCodeValid('12a', 'visa')).to.equal(false);
    });
  });

  describe('expiry', () => {
    const now = new Date(2026, 5, 15); // 15 June 2026
    it('accepts the current month through its last day', () => {
      expect(expiryValid(6, 2026, now)).to.equal(true);
      expect(expiryValid(6, 2026, new Date(2026, 5, 30, 23, 59))).to.equal(true);
    });
    it('rejects last month and last year, and accepts later ones', () => {
      expect(expiryValid(5, 2026, now)).to.equal(false);
      expect(expiryValid(12, 2025, now)).to.equal(false);
      expect(expiryValid(7, 2026, now)).to.equal(true);
      expect(expiryValid(1, 2030, now)).to.equal(true);
    });
    it('rejects impossible months and far futures', () => {
      expect(expiryValid(0, 2027, now)).to.equal(false);
      expect(expiryValid(13, 2027, now)).to.equal(false);
      expect(expiryValid(1, 2050, now)).to.equal(false);
    });
    it('reads MM/YY, MM / YY and MM/YYYY', () => {
      expect(parseExpiry('08/29')).to.deep.equal({ month: 8, year: 2029 });
      expect(parseExpiry('8 / 29')).to.deep.equal({ month: 8, year: 2029 });
      expect(parseExpiry('08/2029')).to.deep.equal({ month: 8, year: 2029 });
      expect(parseExpiry('0829')).to.deep.equal({ month: 8, year: 2029 });
      expect(parseExpiry('aug 29')).to.equal(null);
      expect(parseExpiry('')).to.equal(null);
    });
  });

  describe('ABA routing number', () => {
    it('accepts valid checksums (011000015, 021000021)', () => {
      expect(routingNumberValid('011000015')).to.equal(true);
      expect(routingNumberValid('021000021')).to.equal(true);
    });
    it('rejects a bad checksum (011000016) and wrong lengths', () => {
      expect(routingNumberValid('011000016')).to.equal(false);
      expect(routingNumberValid('01100001')).to.equal(false);
      expect(routingNumberValid('0110000150')).to.equal(false);
      expect(routingNumberValid('01100001a')).to.equal(false);
    });
    it('accepts bank account numbers of 4 to 17 digits', () => {
      expect(bankAccountNumberValid('123456789')).to.equal(true);
      expect(bankAccountNumberValid('000000000')).to.equal(true);
      expect(bankAccountNumberValid('123')).to.equal(false);
      expect(bankAccountNumberValid('123456789012345678')).to.equal(false);
    });
  });

  describe('ZIP', () => {
    it('accepts 5 digits and ZIP+4', () => {
      expect(postalCodeValid('62701')).to.equal(true);
      expect(postalCodeValid(' 62701-1234 ')).to.equal(true);
    });
    it('rejects anything else', () => {
      expect(postalCodeValid('6270')).to.equal(false);
      expect(postalCodeValid('627011')).to.equal(false);
      expect(postalCodeValid('62701-12')).to.equal(false);
      expect(postalCodeValid('ABCDE')).to.equal(false);
    });
  });
});
