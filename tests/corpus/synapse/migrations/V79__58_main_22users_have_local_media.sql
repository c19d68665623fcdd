-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/58/22users_have_local_media.sql, verbatim below this line.
INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (5822, 'users_have_local_media', '{}');
