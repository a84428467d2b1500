import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAccess } from '../access';
import { menuGroups, type PageRoute, pageRoutes } from '../routes';

type MenuItem = NonNullable<MenuProps['items']>[number];

function matchRoute(pathname: string): PageRoute | undefined {
  const candidates = pageRoutes.filter((r) =>
    r.path === '/' ? pathname === '/' : pathname === r.path || pathname.startsWith(`${r.path}/`),
  );
  return candidates.sort((a, b) => b.path.length - a.path.length)[0];
}

/** The menu: the route table filtered by the user's permissions, grouped. */
export function SideMenu({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const access = useAccess();
  const location = useLocation();
  const current = matchRoute(location.pathname);

  const items = useMemo(() => {
    const visible = pageRoutes.filter(
      (r) => !r.hideInMenu && access.can(r.permission) && !r.redirect?.(access),
    );
    const entry = (r: PageRoute): MenuItem => ({
      key: r.key,
      icon: r.icon,
      label: (
        <Link to={r.path} data-testid={`menu-${r.key}`}>
          {t(r.labelKey)}
        </Link>
      ),
    });
    const out: MenuItem[] = [];
    const groupsAdded = new Set<string>();
    for (const r of visible) {
      if (!r.group) {
        out.push(entry(r));
        continue;
      }
      if (groupsAdded.has(r.group)) continue;
      groupsAdded.add(r.group);
      const group = menuGroups.find((g) => g.key === r.group);
      out.push({
        key: `group-${r.group}`,
        icon: group?.icon,
        label: <span data-testid={`menu-group-${r.group}`}>{t(group?.labelKey ?? r.group)}</span>,
        children: visible.filter((c) => c.group === r.group).map(entry),
      });
    }
    return out;
  }, [access, t]);

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={current ? [current.key] : []}
      defaultOpenKeys={collapsed ? [] : menuGroups.map((g) => `group-${g.key}`)}
      data-testid="side-menu"
    />
  );
}
