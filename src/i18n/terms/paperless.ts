/** English of `<ic-paperless-toggle>`. */
export const enPaperless = {
  paperlessLabel: 'Paperless billing',
  paperlessAbout: 'Get your bills by email, not by mail.',
};
