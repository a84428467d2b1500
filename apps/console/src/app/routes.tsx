import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BranchesOutlined,
  CarryOutOutlined,
  CloudSyncOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  DiffOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopFilled,
  ShopOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  StockOutlined,
  StopOutlined,
  SwapOutlined,
  TeamOutlined,
  ToolOutlined,
  TruckOutlined,
  UnorderedListOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Permission } from '../api/types';
import type { Access } from './access';

/** One page of the console: its route, its menu entry and the permission that opens both. */
export interface PageRoute {
  key: string;
  path: string;
  /** i18n key of the menu label and page title. */
  labelKey: string;
  icon?: ReactNode;
  permission?: Permission;
  /** Menu group it sits under; none = top level. */
  group?: MenuGroupKey;
  hideInMenu?: boolean;
  /** Sends the user elsewhere instead of showing the page (e.g. a merchant portal login away from the staff home). */
  redirect?: (access: Access) => string | undefined;
  page: LazyExoticComponent<ComponentType>;
}

export type MenuGroupKey = 'merchants' | 'terminals' | 'workorders' | 'risk' | 'system';

export interface MenuGroup {
  key: MenuGroupKey;
  labelKey: string;
  icon: ReactNode;
}

export const menuGroups: readonly MenuGroup[] = [
  { key: 'merchants', labelKey: 'menu.merchants', icon: <ShopOutlined /> },
  { key: 'terminals', labelKey: 'terminals.menu.group', icon: <DatabaseOutlined /> },
  { key: 'workorders', labelKey: 'workorders.menu.group', icon: <ToolOutlined /> },
  { key: 'risk', labelKey: 'menu.risk', icon: <AlertOutlined /> },
  { key: 'system', labelKey: 'menu.system', icon: <SettingOutlined /> },
];

/** The merchant portal (商户自助) landing page and the permission that opens it. */
export const portalPath = '/portal';
const portalPermission: Permission = 'portal.read';

/**
 * A merchant portal login: it may open the portal but no staff page (the staff home's data —
 * approvals and the other staff shortcuts — is not for it), so its home is the portal.
 */
export function isPortalOnly(access: Access): boolean {
  return (
    access.can(portalPermission) &&
    !pageRoutes.some((r) => r.permission && r.permission !== portalPermission && access.can(r.permission))
  );
}

function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(async () => ({ default: pick(await load()) }));
}

/** The route table: drives the router and the menu (Ant Design Pro's config/routes.ts). Order = menu order. */
export const pageRoutes: readonly PageRoute[] = [
  {
    key: 'home',
    path: '/',
    labelKey: 'menu.home',
    icon: <HomeOutlined />,
    redirect: (access) => (isPortalOnly(access) ? portalPath : undefined),
    page: page(
      () => import('../features/home/pages/home-page'),
      (m) => m.HomePage,
    ),
  },
  {
    key: 'portal',
    path: portalPath,
    labelKey: 'menu.portal',
    icon: <IdcardOutlined />,
    permission: portalPermission,
    page: page(
      () => import('../features/portal/pages/portal-page'),
      (m) => m.PortalPage,
    ),
  },
  {
    key: 'merchant-applications',
    path: '/merchants/applications',
    labelKey: 'menu.applications',
    icon: <FileAddOutlined />,
    permission: 'merchantApplication.read',
    group: 'merchants',
    page: page(
      () => import('../features/merchants/pages/applications-page'),
      (m) => m.ApplicationsPage,
    ),
  },
  {
    key: 'merchant-application-edit',
    path: '/merchants/applications/:id/edit',
    labelKey: 'menu.applicationEdit',
    permission: 'merchantApplication.create',
    group: 'merchants',
    hideInMenu: true,
    page: page(
      () => import('../features/merchants/pages/application-edit-page'),
      (m) => m.ApplicationEditPage,
    ),
  },
  {
    key: 'merchant-application',
    path: '/merchants/applications/:id',
    labelKey: 'menu.applicationDetail',
    permission: 'merchantApplication.read',
    group: 'merchants',
    hideInMenu: true,
    page: page(
      () => import('../features/merchants/pages/application-detail-page'),
      (m) => m.ApplicationDetailPage,
    ),
  },
  {
    key: 'merchants',
    path: '/merchants',
    labelKey: 'menu.merchantList',
    icon: <ShopFilled />,
    permission: 'merchant.read',
    group: 'merchants',
    page: page(
      () => import('../features/merchants/pages/merchants-page'),
      (m) => m.MerchantsPage,
    ),
  },
  {
    key: 'merchant-changes',
    path: '/merchants/changes',
    labelKey: 'merchants.changes.title',
    icon: <DiffOutlined />,
    permission: 'merchant.read',
    group: 'merchants',
    page: page(
      () => import('../features/merchants/pages/merchant-changes-page'),
      (m) => m.MerchantChangesPage,
    ),
  },
  {
    key: 'merchant',
    path: '/merchants/:id',
    labelKey: 'menu.merchantDetail',
    permission: 'merchant.read',
    group: 'merchants',
    hideInMenu: true,
    page: page(
      () => import('../features/merchants/pages/merchant-detail-page'),
      (m) => m.MerchantDetailPage,
    ),
  },
  {
    key: 'terminal-overview',
    path: '/terminals/overview',
    labelKey: 'terminals.menu.overview',
    icon: <DashboardOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/overview-page'),
      (m) => m.OverviewPage,
    ),
  },
  {
    key: 'terminals',
    path: '/terminals',
    labelKey: 'terminals.menu.ledger',
    icon: <UnorderedListOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/terminals-page'),
      (m) => m.TerminalsPage,
    ),
  },
  {
    key: 'terminal-models',
    path: '/terminals/models',
    labelKey: 'terminals.menu.models',
    icon: <AppstoreOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/terminal-models-page'),
      (m) => m.TerminalModelsPage,
    ),
  },
  {
    key: 'suppliers',
    path: '/terminals/suppliers',
    labelKey: 'terminals.menu.suppliers',
    icon: <TruckOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/suppliers-page'),
      (m) => m.SuppliersPage,
    ),
  },
  {
    key: 'warehouses',
    path: '/terminals/warehouses',
    labelKey: 'terminals.menu.warehouses',
    icon: <InboxOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/warehouses-page'),
      (m) => m.WarehousesPage,
    ),
  },
  {
    key: 'terminal-procurements',
    path: '/terminals/procurements',
    labelKey: 'terminals.menu.procurements',
    icon: <ShoppingCartOutlined />,
    permission: 'procurement.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/procurements-page'),
      (m) => m.ProcurementsPage,
    ),
  },
  {
    key: 'terminal-transfers',
    path: '/terminals/transfers',
    labelKey: 'terminals.menu.transfers',
    icon: <SwapOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/transfers-page'),
      (m) => m.TransfersPage,
    ),
  },
  {
    key: 'terminal-stock',
    path: '/terminals/stock',
    labelKey: 'terminals.menu.stock',
    icon: <StockOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/stock-page'),
      (m) => m.StockPage,
    ),
  },
  {
    key: 'terminal-stocktakes',
    path: '/terminals/stocktakes',
    labelKey: 'terminals.menu.stocktakes',
    icon: <FileSearchOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/stocktakes-page'),
      (m) => m.StocktakesPage,
    ),
  },
  {
    key: 'terminal-alerts',
    path: '/terminals/alerts',
    labelKey: 'terminals.menu.alerts',
    icon: <WarningOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/alerts-page'),
      (m) => m.AlertsPage,
    ),
  },
  {
    key: 'terminal-upgrades',
    path: '/terminals/upgrades',
    labelKey: 'terminals.menu.upgrades',
    icon: <CloudSyncOutlined />,
    permission: 'terminal.read',
    group: 'terminals',
    page: page(
      () => import('../features/terminals/pages/upgrades-page'),
      (m) => m.UpgradesPage,
    ),
  },
  {
    key: 'terminal',
    path: '/terminals/:id',
    labelKey: 'terminals.menu.detail',
    permission: 'terminal.read',
    group: 'terminals',
    hideInMenu: true,
    page: page(
      () => import('../features/terminals/pages/terminal-detail-page'),
      (m) => m.TerminalDetailPage,
    ),
  },
  {
    key: 'work-orders',
    path: '/work-orders',
    labelKey: 'workorders.menu.list',
    icon: <UnorderedListOutlined />,
    permission: 'workOrder.read',
    group: 'workorders',
    page: page(
      () => import('../features/workorders/pages/work-orders-page'),
      (m) => m.WorkOrdersPage,
    ),
  },
  {
    key: 'my-work-orders',
    path: '/work-orders/mine',
    labelKey: 'workorders.menu.mine',
    icon: <CarryOutOutlined />,
    permission: 'workOrder.complete',
    group: 'workorders',
    page: page(
      () => import('../features/workorders/pages/my-work-orders-page'),
      (m) => m.MyWorkOrdersPage,
    ),
  },
  {
    // After /work-orders/mine: a static segment wins over the id.
    key: 'work-order-site',
    path: '/work-orders/:id',
    labelKey: 'workorders.site.title',
    permission: 'workOrder.read',
    group: 'workorders',
    hideInMenu: true,
    page: page(
      () => import('../features/workorders/pages/work-order-site-page'),
      (m) => m.WorkOrderSitePage,
    ),
  },
  {
    key: 'blacklist',
    path: '/risk/blacklist',
    labelKey: 'menu.blacklist',
    icon: <StopOutlined />,
    permission: 'blacklist.read',
    group: 'risk',
    page: page(
      () => import('../features/merchants/pages/blacklist-page'),
      (m) => m.BlacklistPage,
    ),
  },
  {
    key: 'orgs',
    path: '/system/orgs',
    labelKey: 'menu.orgs',
    icon: <ClusterOutlined />,
    permission: 'org.read',
    group: 'system',
    page: page(
      () => import('../features/orgs/pages/orgs-page'),
      (m) => m.OrgsPage,
    ),
  },
  {
    key: 'users',
    path: '/system/users',
    labelKey: 'menu.users',
    icon: <UserOutlined />,
    permission: 'user.read',
    group: 'system',
    page: page(
      () => import('../features/users/pages/users-page'),
      (m) => m.UsersPage,
    ),
  },
  {
    key: 'roles',
    path: '/system/roles',
    labelKey: 'menu.roles',
    icon: <TeamOutlined />,
    permission: 'role.read',
    group: 'system',
    page: page(
      () => import('../features/roles/pages/roles-page'),
      (m) => m.RolesPage,
    ),
  },
  {
    key: 'permission-review',
    path: '/system/permission-review',
    labelKey: 'menu.permissionReview',
    icon: <SafetyCertificateOutlined />,
    permission: 'permissionReview.read',
    group: 'system',
    page: page(
      () => import('../features/permission-review/pages/permission-review-page'),
      (m) => m.PermissionReviewPage,
    ),
  },
  {
    key: 'audit',
    path: '/system/audit',
    labelKey: 'menu.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    group: 'system',
    page: page(
      () => import('../features/audit/pages/audit-page'),
      (m) => m.AuditPage,
    ),
  },
  {
    key: 'approval-chains',
    path: '/system/approval-chains',
    labelKey: 'menu.approvalChains',
    icon: <BranchesOutlined />,
    permission: 'approval.read',
    group: 'system',
    page: page(
      () => import('../features/approvals/pages/approval-chains-page'),
      (m) => m.ApprovalChainsPage,
    ),
  },
  {
    key: 'approvals',
    path: '/approvals',
    labelKey: 'menu.approvals',
    icon: <SolutionOutlined />,
    permission: 'approval.read',
    page: page(
      () => import('../features/approvals/pages/approvals-page'),
      (m) => m.ApprovalsPage,
    ),
  },
  {
    key: 'change-password',
    path: '/account/password',
    labelKey: 'menu.changePassword',
    hideInMenu: true,
    page: page(
      () => import('../features/auth/pages/change-password-page'),
      (m) => m.ChangePasswordPage,
    ),
  },
  {
    key: 'totp',
    path: '/account/totp',
    labelKey: 'menu.totp',
    hideInMenu: true,
    page: page(
      () => import('../features/auth/pages/totp-setup-page'),
      (m) => m.TotpSetupPage,
    ),
  },
];

export const LoginPage = page(
  () => import('../features/auth/pages/login-page'),
  (m) => m.LoginPage,
);
