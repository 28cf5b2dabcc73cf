/** The "phone" for local manual use: a bare HTML page listing pending approvals with approve/deny buttons. */
export interface PendingApproval {
  jti: string;
  name: string;
  phone: string;
  provider: string;
  secondsLeft: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function renderApprovalsPage(pending: PendingApproval[]): string {
  const rows = pending
    .map(
      (p) => `<tr>
  <td>${esc(p.name)}</td><td>${esc(p.phone)}</td><td>${esc(p.provider)}</td><td>${p.secondsLeft}s</td>
  <td>
    <form method="post" action="/_control/approvals/${encodeURIComponent(p.jti)}"><input type="hidden" name="decision" value="approve"><button>승인 (approve)</button></form>
    <form method="post" action="/_control/approvals/${encodeURIComponent(p.jti)}"><input type="hidden" name="decision" value="deny"><button>거절 (deny)</button></form>
  </td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>NHIS stand-in: pending simple-auth approvals</title>
<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .8rem}form{display:inline}</style>
</head>
<body>
<h1>간편인증 승인 대기 (pending approvals)</h1>
<p>Test-only page of the HealthSync NHIS stand-in. It refreshes every 5 seconds.</p>
${
  pending.length === 0
    ? '<p>No pending approvals.</p>'
    : `<table><thead><tr><th>Name</th><th>Phone</th><th>App</th><th>Expires in</th><th>Decision</th></tr></thead><tbody>
${rows}
</tbody></table>`
}
</body>
</html>
`;
}
