import { applicationForm } from '@posops/contracts';
import { describe, expect, it } from 'vitest';
import { validForm } from '../../../test/merchant-fixtures';
import { consoleKnows } from '../../../test/messages';
import { gradeOf, gradePolicies, scoreApplication } from './risk-assessment';

const today = new Date('2026-11-25T04:00:00Z');
const form = (
  overrides: Parameters<typeof validForm>[0] = {},
  patch: (f: ReturnType<typeof validForm>) => void = () => {},
) => {
  const f = validForm(overrides);
  patch(f);
  return applicationForm.parse(f);
};

describe('the risk score (信用评估)', () => {
  it('names every factor with its points and a reason', () => {
    const { score, factors } = scoreApplication(
      form({}, (f) => {
        (f.licence as { establishedOn?: string }).establishedOn = '2015-03-01';
      }),
      [],
      today,
    );
    expect(factors.map((f) => f.factor)).toEqual(['mcc_risk', 'business_age', 'volume_vs_size', 'region']);
    expect(factors.find((f) => f.factor === 'business_age')).toMatchObject({ points: 0 });
    // Huawei's code is registered in Guangdong (44); the shop operates in Beijing (11): 异地经营.
    expect(factors.find((f) => f.factor === 'region')).toMatchObject({
      points: 15,
      message: { key: 'risk.region_elsewhere', params: { registered: '440000', operating: '110000' } },
    });
    expect(score).toBe(factors.reduce((sum, f) => sum + f.points, 0));
    for (const f of factors) expect(consoleKnows(f.message.key), f.message.key).toBe(true);
  });

  it('weighs a young business, an individual with a large volume, and the review findings', () => {
    const young = form({ creditCode: '91110108551385082Q' }, (f) => {
      (f.licence as { establishedOn?: string }).establishedOn = '2026-06-01';
      f.business.type = 'individual';
      f.expected.monthlyVolumeMinor = '150000000';
    });
    const { factors } = scoreApplication(
      young,
      [
        { item: 'blacklist', result: 'failed' },
        { item: 'duplicate', result: 'overridden' },
        { item: 'credit_code', result: 'overridden' },
      ],
      today,
    );
    const points = Object.fromEntries(factors.map((f) => [f.factor, f.points]));
    expect(points).toMatchObject({
      business_age: 20,
      volume_vs_size: 20,
      region: 0,
      blacklist_hit: 50,
      duplicates: 15,
      credit_code_override: 10,
    });
  });

  it('grades A to D at 20-point steps, and limits shrink and inspections quicken with the grade', () => {
    expect([0, 19, 20, 39, 40, 59, 60, 200].map(gradeOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D']);
    const grades = ['A', 'B', 'C', 'D'] as const;
    for (let i = 1; i < grades.length; i++) {
      const better = gradePolicies[grades[i - 1]!];
      const worse = gradePolicies[grades[i]!];
      expect(worse.singleLimitMinor < better.singleLimitMinor).toBe(true);
      expect(worse.monthlyLimitMinor < better.monthlyLimitMinor).toBe(true);
      expect(worse.inspectionMonths < better.inspectionMonths).toBe(true);
    }
    for (const g of grades) {
      const p = gradePolicies[g];
      expect(p.singleLimitMinor <= p.dailyLimitMinor && p.dailyLimitMinor <= p.monthlyLimitMinor).toBe(true);
    }
  });
});
