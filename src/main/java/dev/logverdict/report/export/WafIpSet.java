package dev.logverdict.report.export;

import dev.logverdict.ip.IpAddress;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The lines of an AWS WAF IP set for one address family, within the set's limit on entries. Adjacent
 * addresses are merged into the CIDRs that cover exactly them (never a wider block: an innocent neighbour
 * must not be blocked); when that is still too many, the lowest-risk addresses are left out.
 *
 * @param cidrs            the entries, in address order
 * @param addresses        malicious addresses the entries cover
 * @param omittedAddresses malicious addresses left out to stay within the limit
 */
public record WafIpSet(List<String> cidrs, int addresses, int omittedAddresses) {

    /** AWS WAF's maximum number of addresses (CIDRs) in one IP set. */
    public static final int MAX_ENTRIES = 10_000;

    /**
     * @param byRisk one family's malicious addresses, most dangerous first
     * @param limit  entries the set may hold
     */
    public static WafIpSet of(List<IpAddress> byRisk, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a WAF IP set holds at least one entry, not " + limit);
        }
        List<String> all = exactCover(byRisk);
        if (all.size() <= limit) {
            return new WafIpSet(all, distinct(byRisk), 0);
        }
        // Covering the first `limit` addresses never takes more than `limit` entries; look for the longest
        // risk-ordered prefix that still fits (merging makes the count almost, not strictly, monotone, so
        // every candidate is checked, and `fits` always holds a prefix that was).
        int fits = limit;
        int tooMany = byRisk.size();
        while (tooMany - fits > 1) {
            int middle = fits + (tooMany - fits) / 2;
            if (exactCover(byRisk.subList(0, middle)).size() <= limit) {
                fits = middle;
            } else {
                tooMany = middle;
            }
        }
        List<IpAddress> kept = byRisk.subList(0, fits);
        int covered = distinct(kept);
        return new WafIpSet(exactCover(kept), covered, distinct(byRisk) - covered);
    }

    public byte[] text() {
        StringBuilder text = new StringBuilder();
        cidrs.forEach(cidr -> text.append(cidr).append('\n'));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static int distinct(List<IpAddress> addresses) {
        return new TreeSet<>(addresses).size();
    }

    /** The fewest CIDRs that cover exactly these addresses (all of one family). */
    static List<String> exactCover(List<IpAddress> addresses) {
        TreeSet<IpAddress> sorted = new TreeSet<>(addresses);
        List<String> cidrs = new ArrayList<>();
        BigInteger rangeStart = null;
        BigInteger rangeEnd = null;
        int bits = 0;
        for (IpAddress address : sorted) {
            BigInteger value = new BigInteger(1, address.toBytes());
            bits = address.version() == 4 ? 32 : 128;
            if (rangeEnd != null && value.equals(rangeEnd.add(BigInteger.ONE))) {
                rangeEnd = value;
                continue;
            }
            if (rangeStart != null) {
                addRange(cidrs, rangeStart, rangeEnd, bits);
            }
            rangeStart = value;
            rangeEnd = value;
        }
        if (rangeStart != null) {
            addRange(cidrs, rangeStart, rangeEnd, bits);
        }
        return cidrs;
    }

    /** Splits [start, end] into the largest aligned blocks, left to right. */
    private static void addRange(List<String> cidrs, BigInteger start, BigInteger end, int bits) {
        BigInteger next = start;
        while (next.compareTo(end) <= 0) {
            int alignment = next.signum() == 0 ? bits : next.getLowestSetBit();
            int size =
                    Math.min(alignment, end.subtract(next).add(BigInteger.ONE).bitLength() - 1);
            cidrs.add(text(next, bits) + "/" + (bits - size));
            next = next.add(BigInteger.ONE.shiftLeft(size));
        }
    }

    private static String text(BigInteger value, int bits) {
        IpAddress address = bits == 32
                ? IpAddress.ofV4(value.intValue())
                : IpAddress.ofV6(value.shiftRight(64).longValue(), value.longValue());
        return address.toString();
    }
}
