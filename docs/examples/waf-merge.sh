#!/usr/bin/env bash
# Adds the addresses of one logverdict WAF export to an existing AWS WAF IP set, keeping what the set
# already blocks. Does nothing when the export is empty; refuses to go past the set's 10,000 entries.
#
#   docs/examples/waf-merge.sh s3://BUCKET/reports/web.log.waf-ipv4.txt IP_SET_NAME IP_SET_ID [REGIONAL|CLOUDFRONT]
#
# Needs the AWS CLI with wafv2:GetIPSet and wafv2:UpdateIPSet on the set, and s3:GetObject on the export.
# The set's address family must match the export (waf-ipv4 -> IPV4 set, waf-ipv6 -> IPV6 set).
# Extra AWS CLI options (a profile, --endpoint-url) can be passed in AWS_CLI_OPTIONS.
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
  sed -n '2,6p' "$0" >&2
  exit 2
fi
export_uri=$1 name=$2 id=$3 scope=${4:-REGIONAL}
read -r -a cli_options <<< "${AWS_CLI_OPTIONS:-}"

new=$(aws "${cli_options[@]}" s3 cp "$export_uri" - | tr -d '\r' | sed '/^$/d')
if [ -z "$new" ]; then
  echo "nothing to block in $export_uri; the IP set is unchanged"
  exit 0
fi

# The lock token makes the update fail (WAFOptimisticLockException) if someone changed the set meanwhile:
# run the script again then.
current=$(aws "${cli_options[@]}" wafv2 get-ip-set --name "$name" --scope "$scope" --id "$id" \
  --query '[LockToken, join(`,`, IPSet.Addresses)]' --output text)
lock_token=$(printf '%s\n' "$current" | cut -f1)
existing=$(printf '%s\n' "$current" | cut -f2 | tr ',' '\n' | sed '/^$/d;/^None$/d')

merged=$(printf '%s\n%s\n' "$existing" "$new" | sed '/^$/d' | sort -u)
count=$(printf '%s\n' "$merged" | wc -l)
added=$(( count - $(printf '%s\n' "$existing" | sed '/^$/d' | wc -l) ))
if [ "$count" -gt 10000 ]; then
  echo "the merged set would hold $count entries; AWS WAF allows 10,000 per IP set. Nothing was changed." >&2
  exit 1
fi
if [ "$added" -eq 0 ]; then
  echo "every entry of $export_uri is already in $name; the IP set is unchanged"
  exit 0
fi

# shellcheck disable=SC2086 # one argument per address
aws "${cli_options[@]}" wafv2 update-ip-set --name "$name" --scope "$scope" --id "$id" \
  --lock-token "$lock_token" --addresses $merged >/dev/null
echo "added $added entries to $name ($count in all)"
