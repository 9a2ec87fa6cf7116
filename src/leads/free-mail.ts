/**
 * Consumer mailbox providers: an address at one of them says nothing about the person's employer, so leads are never
 * matched to an account by such a domain (an account whose website is gmail.com would otherwise collect every Gmail lead).
 * The list is the default of `leads.matching.freeMailDomains` in config/scoring.yaml.
 */
export const DEFAULT_FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'live.com',
  'live.co.uk', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.co.jp', 'yahoo.co.in', 'ymail.com',
  'rocketmail.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com',
  'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'mail.com', 'email.com', 'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru',
  'qq.com', '163.com', '126.com', 'naver.com', 'fastmail.com', 'hey.com', 'tutanota.com', 'orange.fr', 'free.fr',
  'laposte.net', 'libero.it', 'btinternet.com', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net',
];

/** True for a free-mail domain or any host under one ("mail.yahoo.com"). */
export function isFreeMail(domain: string, freeMail: ReadonlySet<string>): boolean {
  for (let host = domain; host.includes('.'); host = host.slice(host.indexOf('.') + 1)) {
    if (freeMail.has(host)) return true;
  }
  return false;
}
