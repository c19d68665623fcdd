INSERT INTO public.appservice_stream_position VALUES ('X', 0);

INSERT INTO public.background_updates VALUES ('add_room_type_column', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('add_rooms_room_version_column', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('cache_invalidation_index_by_instance', '{}', NULL, 6902);
INSERT INTO public.background_updates VALUES ('chain_cover', '{}', 'rejected_events_metadata', 5906);
INSERT INTO public.background_updates VALUES ('current_state_events_membership', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('current_state_events_stream_ordering_idx', '{}', NULL, 7714);
INSERT INTO public.background_updates VALUES ('delete_account_data_for_deactivated_users', '{}', NULL, 6803);
INSERT INTO public.background_updates VALUES ('delete_e2e_backup_keys_for_deactivated_users', '{}', NULL, 7404);
INSERT INTO public.background_updates VALUES ('delete_old_current_state_events', '{}', 'current_state_events_membership', 0);
INSERT INTO public.background_updates VALUES ('device_lists_changes_in_room_by_room_index', '{}', NULL, 7313);
INSERT INTO public.background_updates VALUES ('devices_last_seen', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('e2e_cross_signing_keys_idx', '{}', NULL, 5823);
INSERT INTO public.background_updates VALUES ('event_arbitrary_relations', '{}', NULL, 6507);
INSERT INTO public.background_updates VALUES ('event_edges_drop_invalid_rows', '{}', NULL, 7101);
INSERT INTO public.background_updates VALUES ('event_edges_replace_index', '{}', 'event_edges_drop_invalid_rows', 7101);
INSERT INTO public.background_updates VALUES ('event_fix_redactions_bytes', '{}', 'event_fix_redactions_bytes_create_index', 0);
INSERT INTO public.background_updates VALUES ('event_fix_redactions_bytes_create_index', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('event_forward_extremities_event_id_foreign_key_constraint_update', '{}', NULL, 7803);
INSERT INTO public.background_updates VALUES ('event_push_actions_staging_thread_id', '{}', NULL, 7706);
INSERT INTO public.background_updates VALUES ('event_push_actions_stream_highlight_index', '{}', NULL, 7202);
INSERT INTO public.background_updates VALUES ('event_push_actions_thread_id', '{}', 'event_push_actions_staging_thread_id', 7706);
INSERT INTO public.background_updates VALUES ('event_push_drop_null_thread_id_indexes', '{}', 'event_push_summary_thread_id', 7706);
INSERT INTO public.background_updates VALUES ('event_push_summary_thread_id', '{}', 'event_push_actions_thread_id', 7706);
INSERT INTO public.background_updates VALUES ('event_push_summary_unique_index2', '{}', NULL, 7006);
INSERT INTO public.background_updates VALUES ('event_store_labels', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('events_jump_to_date_index', '{}', NULL, 7324);
INSERT INTO public.background_updates VALUES ('full_users_filters_unique_idx', '{}', NULL, 7502);
INSERT INTO public.background_updates VALUES ('index_stream_ordering2', '{}', 'populate_stream_ordering2', 6001);
INSERT INTO public.background_updates VALUES ('index_stream_ordering2_contains_url', '{}', 'index_stream_ordering2_room_order', 6001);
INSERT INTO public.background_updates VALUES ('index_stream_ordering2_room_order', '{}', 'index_stream_ordering2', 6001);
INSERT INTO public.background_updates VALUES ('index_stream_ordering2_room_stream', '{}', 'index_stream_ordering2_contains_url', 6001);
INSERT INTO public.background_updates VALUES ('index_stream_ordering2_ts', '{}', 'index_stream_ordering2_room_stream', 6001);
INSERT INTO public.background_updates VALUES ('insert_room_retention', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('local_current_membership_stream_ordering_idx', '{}', NULL, 7714);
INSERT INTO public.background_updates VALUES ('local_media_repository_thumbnails_method_idx', '{}', NULL, 5807);
INSERT INTO public.background_updates VALUES ('media_repository_drop_index_wo_method_2', '{}', 'remote_media_repository_thumbnails_method_idx', 5911);
INSERT INTO public.background_updates VALUES ('populate_event_stream_ordering', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('populate_full_user_id_profiles', '{}', NULL, 7703);
INSERT INTO public.background_updates VALUES ('populate_full_user_id_user_filters', '{}', NULL, 7704);
INSERT INTO public.background_updates VALUES ('populate_room_depth_min_depth2', '{}', NULL, 6103);
INSERT INTO public.background_updates VALUES ('populate_rooms_creator_column', '{}', NULL, 6302);
INSERT INTO public.background_updates VALUES ('populate_stats_process_rooms', '{}', NULL, 5812);
INSERT INTO public.background_updates VALUES ('populate_stats_process_users', '{}', 'populate_stats_process_rooms', 0);
INSERT INTO public.background_updates VALUES ('populate_stream_ordering2', '{}', NULL, 6001);
INSERT INTO public.background_updates VALUES ('populate_user_directory_cleanup', '{}', 'populate_user_directory_process_users', 7322);
INSERT INTO public.background_updates VALUES ('populate_user_directory_createtables', '{}', NULL, 7322);
INSERT INTO public.background_updates VALUES ('populate_user_directory_process_rooms', '{}', 'populate_user_directory_createtables', 7322);
INSERT INTO public.background_updates VALUES ('populate_user_directory_process_users', '{}', 'populate_user_directory_process_rooms', 7322);
INSERT INTO public.background_updates VALUES ('presence_stream_not_offline_index', '{}', NULL, 6304);
INSERT INTO public.background_updates VALUES ('profiles_full_user_id_key_idx', '{}', NULL, 7501);
INSERT INTO public.background_updates VALUES ('purged_chain_cover', '{}', NULL, 5910);
INSERT INTO public.background_updates VALUES ('receipts_graph_unique_index', '{}', NULL, 7007);
INSERT INTO public.background_updates VALUES ('receipts_linearized_unique_index', '{}', NULL, 7007);
INSERT INTO public.background_updates VALUES ('redactions_have_censored_ts_idx', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('redactions_received_ts', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('rejected_events_metadata', '{}', NULL, 5828);
INSERT INTO public.background_updates VALUES ('remote_media_repository_thumbnails_method_idx', '{}', 'local_media_repository_thumbnails_method_idx', 5807);
INSERT INTO public.background_updates VALUES ('remove_deactivated_pushers', '{}', NULL, 5908);
INSERT INTO public.background_updates VALUES ('remove_dead_devices_from_device_inbox', '{}', NULL, 6508);
INSERT INTO public.background_updates VALUES ('remove_deleted_email_pushers', '{}', NULL, 6302);
INSERT INTO public.background_updates VALUES ('remove_dup_outbound_pokes', '{}', NULL, 5800);
INSERT INTO public.background_updates VALUES ('remove_stale_pushers', '{}', NULL, 5908);
INSERT INTO public.background_updates VALUES ('remove_tombstoned_rooms_from_directory', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('replace_room_depth_min_depth', '{}', 'populate_room_depth2', 6103);
INSERT INTO public.background_updates VALUES ('replace_stream_ordering_column', '{}', 'index_stream_ordering2_ts', 6001);
INSERT INTO public.background_updates VALUES ('room_membership_forgotten_idx', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('room_membership_user_room_index', '{}', NULL, 7403);
INSERT INTO public.background_updates VALUES ('room_memberships_stream_ordering_idx', '{}', NULL, 7714);
INSERT INTO public.background_updates VALUES ('set_device_id_for_pushers', '{}', NULL, 7402);
INSERT INTO public.background_updates VALUES ('state_group_edges_unique_idx', '{}', NULL, 7008);
INSERT INTO public.background_updates VALUES ('state_groups_room_id_idx', '{}', NULL, 0);
INSERT INTO public.background_updates VALUES ('threads_backfill', '{}', NULL, 7309);
INSERT INTO public.background_updates VALUES ('user_external_ids_user_id_idx', '{}', NULL, 5825);
INSERT INTO public.background_updates VALUES ('users_have_local_media', '{}', NULL, 5822);
INSERT INTO public.background_updates VALUES ('users_set_deactivated_flag', '{}', NULL, 0);

INSERT INTO public.device_lists_changes_converted_stream_position VALUES ('X', 1, '');

INSERT INTO public.event_push_summary_last_receipt_stream_id VALUES ('X', 0);

INSERT INTO public.event_push_summary_stream_ordering VALUES ('X', 0);

INSERT INTO public.federation_stream_position VALUES ('events', -1, 'master');
INSERT INTO public.federation_stream_position VALUES ('federation', -1, 'master');

INSERT INTO public.room_forgetter_stream_pos VALUES ('X', 0);

INSERT INTO public.stats_incremental_position VALUES ('X', 0);

INSERT INTO public.user_directory_stream_pos VALUES ('X', 0);

SELECT pg_catalog.setval('public.account_data_sequence', 1, true);

SELECT pg_catalog.setval('public.application_services_txn_id_seq', 1, false);

SELECT pg_catalog.setval('public.cache_invalidation_stream_seq', 1, true);

SELECT pg_catalog.setval('public.device_inbox_sequence', 1, true);

SELECT pg_catalog.setval('public.event_auth_chain_id', 1, false);

SELECT pg_catalog.setval('public.events_backfill_stream_seq', 1, true);

SELECT pg_catalog.setval('public.events_stream_seq', 1, true);

SELECT pg_catalog.setval('public.instance_map_instance_id_seq', 1, false);

SELECT pg_catalog.setval('public.presence_stream_sequence', 1, true);

SELECT pg_catalog.setval('public.receipts_sequence', 1, true);

SELECT pg_catalog.setval('public.state_group_id_seq', 1, false);

SELECT pg_catalog.setval('public.un_partial_stated_event_stream_sequence', 1, true);

SELECT pg_catalog.setval('public.un_partial_stated_room_stream_sequence', 1, true);

SELECT pg_catalog.setval('public.user_id_seq', 1, false);
