import { useQuery } from '@tanstack/react-query';
import { http } from '../../api/client';
import type { ContractStatus, MerchantStatus } from '../../api/types';

/** GET /api/portal/merchant: the signed-in merchant's own profile, limits, terminals and contract. */
export interface PortalMerchant {
  mid: string;
  name: string;
  shortName: string;
  mcc: string;
  status: MerchantStatus;
  activatedAt: string | null;
  /** Minor units (fen) as strings. */
  limits: { singleMinor: string; dailyMinor: string; monthlyMinor: string };
  terminals: PortalTerminal[];
  contract: PortalContract | null;
}

export interface PortalTerminal {
  model: string | null;
  serialNo: string | null;
  installedAt: string | null;
}

export interface PortalContract {
  contractNo: string;
  status: ContractStatus;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  signedAt: string | null;
}

export const portalKeys = {
  all: ['portal'] as const,
  merchant: ['portal', 'merchant'] as const,
};

export const portalContractPdfUrl = '/api/portal/contract.pdf';

export function usePortalMerchant() {
  return useQuery({
    queryKey: portalKeys.merchant,
    queryFn: ({ signal }) => http.get<PortalMerchant>('/api/portal/merchant', undefined, signal),
    retry: false,
  });
}
