/** English of `<ic-autopay-toggle>`. */
export const enAutopay = {
  autopayLabel: 'AutoPay',
  autopayUses: (method: string) => `AutoPay charges ${method}.`,
  autopayWouldUse: (method: string) => `Turning AutoPay on will charge ${method} (your default).`,
  autopayAsks: 'Turning AutoPay on asks for a card or bank account.',
  autopayAddMethod: 'Add the card or bank account AutoPay will charge. It becomes your default.',
  autopaySaveOn: 'Save and turn on AutoPay',
};
