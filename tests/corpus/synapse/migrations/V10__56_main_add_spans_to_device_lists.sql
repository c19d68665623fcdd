-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/56/add_spans_to_device_lists.sql, verbatim below this line.
/* Copyright 2019 The Matrix.org Foundation C.I.C
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

/*
 * Opentracing context data for inclusion in the device_list_update EDUs, as a
 * json-encoded dictionary. NULL if opentracing is disabled (or not enabled for this destination).
 */
ALTER TABLE device_lists_outbound_pokes ADD opentracing_context TEXT;
