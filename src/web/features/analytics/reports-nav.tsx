import { NavLink } from 'react-router';

export function ReportsNav() {
  const cls = ({ isActive }: { isActive: boolean }) => (isActive ? 'view-link is-active' : 'view-link');
  return (
    <nav className="sidebar" aria-label="Reports">
      <h2 className="sidebar-title">Reports</h2>
      <ul>
        <li><NavLink end to="/reports" className={cls}>Overview</NavLink></li>
        <li><NavLink to="/reports/sop-versions" className={cls}>SOP versions</NavLink></li>
        <li><NavLink to="/reports/self-service" className={cls}>Self-service</NavLink></li>
        <li><NavLink to="/reports/staffing" className={cls}>Forecast &amp; staffing</NavLink></li>
      </ul>
    </nav>
  );
}
