-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/58/19instance_map.sql.postgres, verbatim below this line.
/* Copyright 2020 The Matrix.org Foundation C.I.C
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


-- A unique and immutable mapping between instance name and an integer ID. This
-- lets us refer to instances via a small ID in e.g. stream tokens, without
-- having to encode the full name.
CREATE TABLE IF NOT EXISTS instance_map (
    instance_id SERIAL PRIMARY KEY,
    instance_name TEXT NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS instance_map_idx ON instance_map(instance_name);
