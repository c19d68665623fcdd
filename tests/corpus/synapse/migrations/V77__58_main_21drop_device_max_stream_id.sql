-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/58/21drop_device_max_stream_id.sql, verbatim below this line.
DROP TABLE device_max_stream_id;
