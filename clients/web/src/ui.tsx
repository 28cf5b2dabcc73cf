import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiError } from './errors.js';
import { GRADE_LABELS, gradeClass, type Grade } from './labels.js';

/** A page: its heading takes the focus when it opens, so a screen reader announces where we are. */
export function Page({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · HealthSync`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </div>
  );
}

export function ErrorMessage({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" data-code={error.code}>
      {error.message}
    </p>
  );
}

export function Loading({ label = '불러오는 중…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

export function GradeBadge({ grade, label }: { grade: string; label?: string }) {
  return <span className={`badge ${gradeClass(grade)}`}>{label ?? GRADE_LABELS[grade as Grade] ?? grade}</span>;
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}
