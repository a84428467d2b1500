import { describe, expect, it } from 'vitest';
import {
  relativeDue,
  type SiteFormValues,
  type SiteRequirements,
  siteFormField,
  siteReportInput,
  siteStep,
} from './model';

const now = Date.parse('2026-03-01T08:00:00Z');

describe('when a work order is due, relative to now', () => {
  it('counts minutes under an hour, ahead or behind', () => {
    expect(relativeDue('2026-03-01T08:25:00Z', now)).toEqual({ value: 25, unit: 'minute' });
    expect(relativeDue('2026-03-01T07:50:00Z', now)).toEqual({ value: -10, unit: 'minute' });
  });

  it('counts whole hours under two days, and days beyond', () => {
    expect(relativeDue('2026-03-01T13:40:00Z', now)).toEqual({ value: 5, unit: 'hour' });
    expect(relativeDue('2026-02-28T05:00:00Z', now)).toEqual({ value: -27, unit: 'hour' });
    expect(relativeDue('2026-03-05T09:00:00Z', now)).toEqual({ value: 4, unit: 'day' });
  });
});

describe('what the engineer does next on the site page', () => {
  it('binds an installation first, then fills the report', () => {
    expect(siteStep({ kind: 'install', status: 'open', boundAt: null })).toBe('bind');
    expect(siteStep({ kind: 'install', status: 'open', boundAt: '2026-03-01T08:00:00Z' })).toBe('report');
  });

  it('goes straight to the report for the other kinds, and does nothing on a closed order', () => {
    expect(siteStep({ kind: 'relocation', status: 'open', boundAt: null })).toBe('report');
    expect(siteStep({ kind: 'inspection', status: 'completed', boundAt: null })).toBeNull();
    expect(siteStep({ kind: 'install', status: 'cancelled', boundAt: null })).toBeNull();
  });
});

const install: SiteRequirements = {
  checklist: [
    { item: 'unit_intact', mustPass: true },
    { item: 'printer_ok', mustPass: true },
  ],
  minPhotos: 1,
  testTransaction: true,
  bindFirst: true,
};
const inspection: SiteRequirements = {
  checklist: [
    { item: 'address_matches', mustPass: false },
    { item: 'no_tampering', mustPass: false },
  ],
  minPhotos: 1,
  testTransaction: false,
  bindFirst: false,
};

describe('the site report sent when the merchant signs off', () => {
  it('answers every item in the checklist order, with the test in fen and the position', () => {
    const values: SiteFormValues = {
      checklist: { printer_ok: { passed: true, note: 'ignored' }, unit_intact: { passed: true } },
      photos: [],
      latitude: 39.9,
      longitude: 116.4,
      testTransaction: { amountYuan: '0.01', reference: ' 123456789012 ', approved: true },
      signOff: { signerName: ' 王建国 ', signature: 'data:image/png;base64,AA==' },
      result: ' 装机完成 ',
    };
    expect(siteReportInput(install, values, 'sig-1')).toEqual({
      result: '装机完成',
      checklist: [
        { item: 'unit_intact', passed: true },
        { item: 'printer_ok', passed: true },
      ],
      latitude: 39.9,
      longitude: 116.4,
      testTransaction: { amountMinor: '1', reference: '123456789012', approved: true },
      signOff: { signerName: '王建国', signatureDocumentId: 'sig-1' },
    });
  });

  it('keeps the note of a failed inspection item, and sends no test nor half a position', () => {
    const values: SiteFormValues = {
      checklist: { address_matches: { passed: false, note: ' 门牌已变更 ' }, no_tampering: { passed: true } },
      photos: [],
      latitude: 39.9,
      longitude: null,
      testTransaction: { recorded: false, amountYuan: '12.5', reference: 'ABC123', approved: true },
      signOff: { signerName: '李' },
      result: '巡检完成',
    };
    const body = siteReportInput(inspection, values, 'sig-2');
    expect(body.checklist).toEqual([
      { item: 'address_matches', passed: false, note: '门牌已变更' },
      { item: 'no_tampering', passed: true },
    ]);
    expect(body).not.toHaveProperty('testTransaction');
    expect(body).not.toHaveProperty('latitude');
  });

  it('sends an optional test once the engineer records one', () => {
    const values: SiteFormValues = {
      checklist: {},
      photos: [],
      testTransaction: { recorded: true, amountYuan: '12.5', reference: 'ABC123', approved: false },
      signOff: { signerName: '李' },
      result: '巡检完成',
    };
    expect(siteReportInput(inspection, values, 'sig-3').testTransaction).toEqual({
      amountMinor: '1250',
      reference: 'ABC123',
      approved: false,
    });
  });
});

describe('where a refused sign-off shows its reasons', () => {
  it('puts a checklist item on its pass/fail row, the test on its amount, the signature on the pad', () => {
    expect(siteFormField('checklist.printer_ok')).toBe('checklist.printer_ok.passed');
    expect(siteFormField('testTransaction')).toBe('testTransaction.amountYuan');
    expect(siteFormField('testTransaction.approved')).toBe('testTransaction.approved');
    expect(siteFormField('signOff.signatureDocumentId')).toBe('signOff.signature');
    expect(siteFormField('photos')).toBe('photos');
  });
});
