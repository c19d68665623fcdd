-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/64/01msc2716_chunk_to_batch_rename.sql.postgres, verbatim below this line.
/* Copyright 2021 The Matrix.org Foundation C.I.C
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *    http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

ALTER TABLE insertion_events RENAME COLUMN next_chunk_id TO next_batch_id;
DROP INDEX insertion_events_next_chunk_id;
CREATE INDEX IF NOT EXISTS insertion_events_next_batch_id ON insertion_events(next_batch_id);

ALTER TABLE chunk_events RENAME TO batch_events;
ALTER TABLE batch_events RENAME COLUMN chunk_id TO batch_id;
DROP INDEX chunk_events_chunk_id;
CREATE INDEX IF NOT EXISTS batch_events_batch_id ON batch_events(batch_id);
