// Releases: deploy and its strategies, the canary, rollback and set-traffic, the traffic guard, the post step.
export const release = {
  // deploy
  'release.ensure_service': 'Make sure service {service} exists',
  'release.service_exists': 'Service {service} exists.',
  'release.service_already_exists': 'Service {service} already exists.',
  'release.service_created': 'Created service {service}.',
  'release.dry_run_create_service': 'Dry run: service {service} does not exist; would POST componenttcb/{api} with:\n{body}',
  'release.dry_run_first_version': 'Dry run: service {service} has no version; would POST componenttcb/{api} with:\n{body}',
  'release.dry_run_post': 'Dry run: would POST componenttcb/{api} with:\n{body}',
  'release.dry_run_then': 'Dry run: then {api}: {items}',
  'release.dry_run_wait': 'Dry run: would then wait up to {timeout} for the new version.',
  'release.dry_run_wait_traffic': 'Dry run: would then wait up to {timeout} for the new version and send it {traffic}% of the traffic.',
  'release.cancelled_while_running': '{cancelled} while the release ran: it goes on without the action (run_id {run_id})',
  'release.cancelled_before_sent': '{cancelled} before anything was sent: the service and its traffic split are as they were',
  'release.cancelled_before_traffic':
    '{cancelled} before any traffic moved: the traffic split is the one from before the deploy ({split}){created}',
  'release.cancelled_created': '; version {version} goes on without the action, with no traffic',
  'release.first_version_all_traffic':
    'Service {service} has no version yet: its first version takes all the traffic, whatever traffic says.',
  'release.create_first_version': 'Create the first version of {service} with {image}',
  'release.create_new_version': 'Create a new version of {service} with {image}, with no traffic',
  'release.first_version_unhealthy':
    'Version {version} is ready but failed its health check ({check}: {answer}); it serves all the traffic, as the service has no other version to go back to',
  'release.first_version_unhealthy.hint': 'see the logs of the version in the Cloud Hosting console, fix it and deploy again',
  'release.version_accepted': 'Version {version} accepted: run_id {run_id}',
  'release.none_given': '(none given)',
  'release.create_no_name': 'The create was accepted without a version name yet: looking for the new version in the list.',
  'release.created_not_found': 'The new version was accepted but did not appear in the version list of {service} within {timeout}',
  'release.created_not_found.hint':
    'do not re-run blindly, or a second version is created: check the version list in the Cloud Hosting console first',
  'release.min_exceeds_max': 'min_num {min} exceeds max_num {max} ({copied} copied from {version}); nothing was created',
  'release.min_exceeds_max.hint': 'give both min_num and max_num',
  'release.none_serving': 'No version of {service} serves traffic: the new version gets all of it once ready, whatever traffic says.',
  'release.new_version': '(new version)',
  'release.ready_no_traffic': 'Version {version} is ready and serves no traffic; operation: set-traffic sends it some.',
  'release.rolling_update': 'Rolling update of {service} to {image}',
  'release.rolling_accepted': 'Rolling update accepted: run_id {run_id}',
  'release.other_release_running': 'Another release of {service} was still running after {timeout}: {errmsg}',
  'release.other_release_running.hint':
    'wait for it to finish (see the Cloud Hosting console) or raise timeout; a workflow concurrency group per service keeps your own releases from overlapping',
  'release.waiting_other_release': 'Another release of {service} is running ({errmsg}); waiting for it, trying again in {delay}.',

  // Waiting for the rollout
  'release.wait_for_version': 'Wait for version {version} of {service} (timeout {timeout})',
  'release.wait_for_new': 'Wait for the new version of {service} (timeout {timeout})',
  'release.version_status': '{elapsed}: version {version} is {status}',
  'release.no_status': '(no status)',
  'release.unknown_status': '{status} (a status the action does not know: waiting on)',
  'release.poll_failed': 'Polling the versions of {service} failed ({error}); polling again',
  'release.ref': '(run_id {run_id}, after {elapsed})',
  'release.logs': 'the logs of version {version} in the Cloud Hosting console (service {service}, environment {env})',
  'release.rollout_failed': 'The rollout failed: version {version} is {status} {ref}.',
  'release.rollout_failed.build_hint':
    'the image could not be built or pulled: check that {image} exists and that image_is_public matches the repository; {logs} say more',
  'release.rollout_failed.health_hint':
    'the container did not become healthy: check container_port (the port the app listens on), initial_delay_seconds and {logs}',
  'release.rolled_back': 'The rollout was rolled back: version {version} is {status} but runs {runs} instead of {image} {ref}.',
  'release.rolled_back.hint':
    'the platform went back to the previous image, usually because the new one failed its health check: see {logs}, fix it, and deploy again',
  'release.no_image': '(no image reported)',
  'release.timeout': 'The rollout did not finish within {timeout}: {state}{runs} (run_id {run_id}){last}.',
  'release.timeout.still': 'version {version} is still {status}',
  'release.timeout.none': 'no new version has appeared yet',
  'release.timeout.runs': ' and runs {runs}, not {image}',
  'release.timeout.last_poll': '; the last poll failed: {error}',
  'release.timeout.hint':
    'the release may still finish: watch the version list of service {service} (environment {env}) in the Cloud Hosting console, and let it end before deploying again; raise timeout if releases of this service take longer',
  'release.lost_track': 'Lost track of the rollout (run_id {run_id}): {error}',
  'release.lost_track.hint':
    'the release goes on without the action: check service {service} (environment {env}) in the Cloud Hosting console',

  // The canary
  'release.send_traffic': 'Send {percent}% of the traffic to {version}',
  'release.watch_step': 'Watch {version} at {percent}% for {interval}',
  'release.check.health_url': 'health_url',
  'release.check.status': 'version status',
  'release.check.ok': 'ok',
  'release.check.failed': 'FAILED',
  'release.check.logged': '{elapsed}: {check} {result}: {answer}',
  'release.check.version_is': '{version} is {status}',
  'release.check.version_gone': '{version} is gone',
  'release.health.timed_out': 'timed out',
  'release.health.no_answer': 'no answer ({failure})',
  'release.split_promised': 'The traffic split is the one this deploy set out to leave: {split}.',
  'release.share_unknown': 'The version list of {service} has a share it does not give as a number: the traffic was not moved',
  'release.at_step': ' at the {percent}% step of {version}',
  'release.put_back': 'Put the traffic back on the versions that served before',
  'release.traffic_back': '{failure}. The traffic is back on the split from before ({split}); {version} is kept with 0% for inspection.',
  'release.canary_failed':
    'The canary of {version} was rolled back at {percent}%: {check} check failed ({answer}) after {elapsed} of {interval} per step',
  'release.canary_failed.hint': 'see the logs of the new version in the Cloud Hosting console; a later delete-versions run prunes it',
  'release.revert_failed':
    '{failure}, and putting the traffic back failed too: {error}. {version} may still serve traffic. To restore the split from before, run operation: set-traffic with traffic_split: {restore}',
  'release.revert_failed.hint':
    "the action's post step tries once more; if it cannot either, set the split by hand (traffic_split: {restore}) or in the Cloud Hosting console",
  // When the guard found the traffic moved (traffic.moved)
  'release.when.before_step': 'before the {percent}% step',
  'release.when.while_step': 'while {percent}% went to {version}',
  'release.when.once_ready': 'once the new version was ready',
  'release.when.before_revert': 'before putting the traffic back',
  'release.when.since_read': 'since it was read',
  'release.when.post_step': 'in the post step',

  // Traffic
  'traffic.share_unknown': '(a share is unknown)',
  'traffic.none_serving': '(no version serves traffic)',
  'traffic.moved':
    'The traffic split of {service} changed under the action {when}: expected {expected}, found {found}. The action stopped and left the split as it is.',
  'traffic.moved.hint':
    'an operator or another job moved the traffic (the Cloud Hosting console, a rollback, a concurrent deploy); decide which split to keep, and use a workflow concurrency group per service so releases do not overlap',
  'traffic.not_held': '{service} does not hold the traffic split that was sent: sent {sent}, found {found}',
  'traffic.not_held.hint':
    'setcspropotion answered without error but the version list shows another split; check the service in the Cloud Hosting console',
  'traffic.no_other_version':
    'traffic {traffic} leaves {rest}% to the versions that served before, but no other version of the service serves traffic',
  'traffic.no_other_version.hint':
    'to start a canary, deploy over a version that serves no traffic (version_name), so the current one keeps serving; or use traffic: 100',
  'traffic.version_missing': 'Version {version} does not exist in service {service}',
  'traffic.version_missing.hint': 'the versions are: {versions}',
  'traffic.no_versions': '(none)',
  'traffic.version_not_ready': 'Version {version} of service {service} is {status}, not ready for traffic',
  'traffic.version_not_ready.hint': 'choose a version whose status is normal (see the version list in the Cloud Hosting console)',
  'traffic.rollback_title': 'Rollback: {service}',
  'traffic.set_traffic_title': 'Set traffic: {service}',
  'traffic.dry_run_send': 'Dry run: would send {api}: {items}',
  'traffic.split_now': 'The traffic split is now {split}.',
  'traffic.cancelled_before_write': '{cancelled} before the split was sent: the traffic split is as it was',
  'traffic.rollback.hint': 'name the version to serve in rollback_to',
  'traffic.rollback.none_serving': 'No version of service {service} serves traffic, so there is nothing to roll back from',
  'traffic.rollback.time_unknown':
    'The creation time of {version} (which serves {share}%) cannot be read, so the version to roll back from is not known',
  'traffic.rollback.none_older': 'Service {service} has no ready version older than {version} (which serves {share}%) to roll back to',

  // The post step
  'post.heading': 'Post step',
  'post.group': 'Finish what the main step could not',
  'post.no_record': 'the main step ended before recording how the release went',
  'post.not_put_back': 'the traffic could not be put back',
  'post.nothing': 'nothing to finish',
  'post.split_origin': 'The traffic split of {service} is the one from before the release: {split}.',
  'post.split_promised': 'The traffic split of {service} is the one the release set out to leave: {split}.',
  'post.moved_warning':
    'The traffic split of {service} is none the release set (found {split}): someone else moved it, so it is left as it is.',
  'post.moved': 'someone else moved the traffic ({split}); left as it is',
  'post.put_back': 'Put the traffic of {service} back on the split from before the release: {split}.',
  'post.deployment_description': 'The main step did not finish: {outcome}',
} as const;
