/**
 * The key a client address is counted under by the login limits. An IPv6
 * client usually holds a whole /64 (and can pick any address in it at will),
 * so IPv6 addresses count by their first 64 bits; an IPv4 address written
 * as IPv6 (::ffff:a.b.c.d) counts as the IPv4 address.
 */
import ipaddr from 'ipaddr.js';

export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  // process() turns an IPv4-mapped IPv6 address into the IPv4 one.
  const ip = ipaddr.process(address);
  if (ip instanceof ipaddr.IPv4) return ip.toString();
  const prefix = new ipaddr.IPv6([...ip.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${prefix.toString()}/64`;
}
