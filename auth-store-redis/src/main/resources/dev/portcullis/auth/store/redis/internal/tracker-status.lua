-- status (read-only): replies {failures, lockedUntil or '', the login key}.
return {fmt(s.f), opt(s.lu), s.k}
