/** Why a text is not a date, in Italian; a code missing here fails the type check. See ./date-reason-messages.ts. */

import type { DateReasonTemplates } from './date-reason-messages';

const MONTHS_IT = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];

export const DATE_REASONS_IT: DateReasonTemplates = {
  dateEmpty: () => 'il valore è vuoto',
  dateYearOutOfRange: ({ year, min, max }) => `l’anno ${year} è fuori dall’intervallo ${min}–${max}`,
  dateQuarterOutOfRange: ({ quarter }) => `il trimestre Q${quarter} non esiste: i trimestri vanno da Q1 a Q4`,
  dateMonthOutOfRange: ({ month }) => `il mese ${month} non esiste: i mesi vanno da 01 a 12`,
  dateDayOutOfRange: ({ day, year, month }) => `il giorno ${day} non esiste nel mese ${year}-${month}`,
  dateQuarterFirst: ({ suggestion }) => `i trimestri si scrivono mettendo prima l’anno: ${suggestion}`,
  dateAmbiguous: ({ text, dayFirst, monthFirst }) =>
    `il valore è ambiguo: ${text} può essere giorno/mese o mese/giorno; scrivilo come ${dayFirst} o come ${monthFirst}`,
  dateWrongOrder: ({ day, month, year, suggestion }) =>
    `il valore non è nell’ordine anno-mese-giorno; se intendi il giorno ${day === 1 ? '1°' : day} ${MONTHS_IT[month - 1] ?? month} ${year}, scrivi ${suggestion}`,
  dateWrongSeparator: () => 'separa anno, mese e giorno con "-", non con "/" o "."',
  dateTwoDigits: () => 'mesi e giorni si scrivono con due cifre (2021-03-02)',
  dateHasTime: () => 'gli orari non sono supportati: tieni solo la data (AAAA-MM-GG)',
  dateUnreadable: ({ text }) => `"${text}" non è una data: usa AAAA, AAAA-Qn, AAAA-MM o AAAA-MM-GG, eventualmente preceduto da ~`,
};
