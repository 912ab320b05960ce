// Input problems (src/inputs/, the URL and image parsers): each follows "`input_name`: ".
export const inputs = {
  'input.problem': '`{name}`: {message}',
  'input.required_for': 'required for {operation}',
  'input.required_together': 'required together with {given}',
  'input.operation_unknown': '`operation`: {unknown}; expected one of {operations}',
  'input.operation_required': '`operation`: required; one of {operations}',
  'input.unknown_value': 'unknown value {value}{suggestion}',
  'input.did_you_mean': ' (did you mean {name}?)',
  'input.expected_one_of': 'expected one of {values}, got "{got}"',

  // The pure parsers
  'input.boolean': 'expected true or false, got "{got}"',
  'input.integer': 'expected a whole number, got "{got}"',
  'input.decimal': 'expected a number such as 0.5, got "{got}"',
  'input.between': 'must be between {min} and {max}',
  'input.between_got': 'must be between {min} and {max}, got {got}',
  'input.duration': 'expected a duration such as 30s, 10m, 12h, 7d or 2w, got "{got}"',
  'input.duration_too_long': '"{got}" is too long a duration',
  'input.env_value_type': 'value of {key} must be a string, number or boolean',
  'input.env_line': 'line {line} is not KEY=VALUE with a valid variable name',
  'input.line_problem': 'line {line} {problem}',
  'input.key_twice': '"{key}" is set twice',
  'input.json_too_long': 'is {length} characters long; at most {max} are accepted',
  'input.json_at': '{what} at line {line}, column {column}',
  'input.json_object': 'must be a JSON object',
  'input.json_reserved_key': 'has the key "{key}", which is not accepted (a reserved name)',
  'input.json_ends_early': 'is not valid JSON: the text ends too early',
  'input.json_after_end': 'is not valid JSON: unexpected text after the end',
  'input.json_expected_comma': 'is not valid JSON: expected "," or "{closer}"',
  'input.json_expected_colon': 'is not valid JSON: expected ":"',
  'input.json_expected_key': 'is not valid JSON: expected a key in double quotes',
  'input.json_expected_value': 'is not valid JSON: expected a value',
  'input.json_bad_string': 'is not valid JSON: a string is not closed, or holds a line break, control character or bad escape',
  'input.json_key_twice': 'has the key {key} twice',
  'input.json_too_deep': 'is nested deeper than {depth} levels',
  'input.json_number_too_large': 'has a number too large to represent',
  'input.json_unknown_key': 'unknown key {key} (allowed: {allowed})',
  'input.json_field_type': '{key} must be a {expected}, got {actual}',
  'input.json_field_an': '{key} must be an {expected}, got {actual}',
  'input.and_more': 'and {count} more',
  'input.steps_increase': 'steps must increase, got {before} then {after}',
  'input.not_version_name': '{name} is not a version name such as shop-api-003',
  'input.share_number': 'the share of {name} must be a number',
  'input.split_line': 'line {line} is not VERSION=PERCENT',
  'input.given_twice': '{name} is given twice',
  'input.share_problem': 'the share of {name} {problem}',
  'input.shares_total': 'the shares must add up to 100, got {total}',

  // URLs and images
  'input.not_url': '{url} is not a URL',
  'input.not_url_cut': '{url} (its query is not shown) is not a URL',
  'input.not_url_at': 'is not a URL (not shown: it contains "@", so it may hold a password)',
  'input.url_protocol': 'must be an http(s) URL, got {protocol}',
  'input.url_query': 'must not contain a query string or fragment',
  'input.url_credentials': 'must not contain a user name or password',
  'input.url_plain_http':
    '{origin} is plain http: tokens would travel in clear text; use https://, or set allow_insecure_http: true if the network is trusted',
  'input.environment_url_credentials': 'must not contain a user name or password (it would be shown on GitHub)',
  'input.image_no_host': '"{ref}" has no registry host; give the full reference, e.g. ccr.ccs.tencentyun.com/ns/repo:tag',
  'input.image_bad_host': '"{host}" is not a valid registry host',
  'input.image_bad_path': 'repository path "{path}" is invalid (lowercase letters, digits and . _ - separators only)',
  'input.image_bad_tag': 'tag "{tag}" is invalid',
  'input.image_bad_digest': 'digest "{digest}" is invalid (expected e.g. sha256:<64 hex>)',
  'input.image_no_tag': '"{ref}" has no tag or digest; pin the version you release, e.g. {named}:v1.2.3',

  // WeChat Cloud Hosting
  'input.service_name': 'must be letters, digits and dashes (at most 40 characters)',
  'input.env_id': 'must be an environment ID such as prod-4gxk23no5605e14f (letters, digits, _ and -)',
  'input.token_and_component': 'give either access_token or {component}, not both',
  'input.token_required': 'required: give access_token, or {component}',
  'input.service_pattern':
    '{item} is not a service name or pattern: letters, digits and dashes (at most 40), * and ?, and ! in front to exclude',
  'input.service_pattern_only_exclusions': 'has only exclusions: also say which services, such as "{example}"',

  // deploy
  'input.version_name': 'must be a version name such as my-service-003, or latest',
  'input.min_over_max': 'must not exceed max_num ({min} > {max})',
  'input.traffic_steps_rolling': 'steps (10,50,100) need strategy: new-version',
  'input.health_url_rolling': 'needs strategy: new-version (the health gate reverts to the versions that served before)',
  'input.flow_ratio_new_version':
    'is the share of a rolling update; with strategy: new-version the new version starts at 0% and traffic gives it its share',
  'input.plan_too_long':
    'the plan takes up to {duration} (timeout, then each watched traffic step for canary_interval), longer than a GitHub-hosted job may run (6h): use fewer steps or a shorter canary_interval',
  'input.traffic_needs_wait': 'needs wait: true (the split is set once the new version is ready)',

  // delete-versions
  'input.versions_glob': '"{name}" is a glob: versions takes exact names; use version_pattern for globs',
  'input.versions_with_pattern':
    'names versions of one service: with a pattern in service_name, select by keep_latest, older_than or version_pattern',
  'input.longer_than_zero': 'must be longer than 0',
  'input.versions_exclude_only':
    'exclude_pattern only protects versions: also give versions, keep_latest, older_than or version_pattern to say what to delete',
  'input.versions_what': 'say what to delete: give versions, keep_latest, older_than or version_pattern (any combination)',
  'input.delete_image_alone': 'only valid together with delete_service: true (the image is deleted with the service)',
  'input.delete_with_pattern': 'not with a pattern in service_name: name the one service to delete',
  'input.no_names': 'has no names in it',

  // clean-containers and the AI platform
  'input.containers_what': 'give container_ids, or a filter ({filters}), or both',
  'input.containers_any_age':
    'must be longer than 0s; to select containers of any age on purpose, leave older_than out and give container_status (and a name pattern), or list container_ids',
  'input.container_ids': '{count} invalid container {count|ID|IDs}: {shown} (expected letters, digits, _ and -, at most 64)',
  'input.unknown_status': 'unknown status "{given}"; expected any of {statuses}',
  'input.ai_header_latin1':
    'must be printable Latin-1 text (no Chinese or other characters outside ISO-8859-1, no line breaks): it is sent in an HTTP header',
  'input.ai_cluster_id': 'must be a cluster ID such as 11112, or {all}',
  'input.ai_all_needs_user':
    "{all} needs ai_user with ai_password + ai_org_id or ai_access_key + ai_secret_key: ai_token is one cluster's token",
  'input.ai_url_with_all': "is one cluster's AI host; with ai_cluster_id: {all} each cluster's host is found through ac_api_url",
  'input.ai_token_and_user': 'give either ai_token or user credentials ({given}), not both',
  'input.ai_password_and_key': 'give either ai_password + ai_org_id or ai_access_key + ai_secret_key, not both',
  'input.ai_credentials_required':
    'required: give ai_token, or ai_user + ai_password + ai_org_id, or ai_user + ai_access_key + ai_secret_key',
  'input.ai_user_needs': 'needs ai_password + ai_org_id or ai_access_key + ai_secret_key',

  // GitHub
  'input.github_token_required': 'required for {feature}',
  'input.github_deployment_operations': 'only applies to operations {operations}',
} as const;
