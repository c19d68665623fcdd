ALTER TABLE ONLY public.datasets
    ADD CONSTRAINT dataset_name_workspace_id_uq UNIQUE (name, workspace_id);

ALTER TABLE ONLY public.datasets
    ADD CONSTRAINT datasets_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.datasets
    ADD CONSTRAINT datasets_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.datasets_users
    ADD CONSTRAINT datasets_users_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES public.datasets(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.datasets_users
    ADD CONSTRAINT datasets_users_pkey PRIMARY KEY (dataset_id, user_id);

ALTER TABLE ONLY public.datasets_users
    ADD CONSTRAINT datasets_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.fields
    ADD CONSTRAINT field_name_dataset_id_uq UNIQUE (name, dataset_id);

ALTER TABLE ONLY public.fields
    ADD CONSTRAINT fields_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES public.datasets(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.fields
    ADD CONSTRAINT fields_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.metadata_properties
    ADD CONSTRAINT metadata_properties_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES public.datasets(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.metadata_properties
    ADD CONSTRAINT metadata_properties_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.metadata_properties
    ADD CONSTRAINT metadata_property_name_dataset_id_uq UNIQUE (name, dataset_id);

ALTER TABLE ONLY public.questions
    ADD CONSTRAINT question_name_dataset_id_uq UNIQUE (name, dataset_id);

ALTER TABLE ONLY public.questions
    ADD CONSTRAINT questions_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES public.datasets(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.questions
    ADD CONSTRAINT questions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.records
    ADD CONSTRAINT record_external_id_dataset_id_uq UNIQUE (external_id, dataset_id);

ALTER TABLE ONLY public.records
    ADD CONSTRAINT records_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES public.datasets(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.records
    ADD CONSTRAINT records_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT response_record_id_user_id_uq UNIQUE (record_id, user_id);

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_record_id_fkey FOREIGN KEY (record_id) REFERENCES public.records(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.responses
    ADD CONSTRAINT responses_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.suggestions
    ADD CONSTRAINT suggestion_record_id_question_id_uq UNIQUE (record_id, question_id);

ALTER TABLE ONLY public.suggestions
    ADD CONSTRAINT suggestions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.suggestions
    ADD CONSTRAINT suggestions_question_id_fkey FOREIGN KEY (question_id) REFERENCES public.questions(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.suggestions
    ADD CONSTRAINT suggestions_record_id_fkey FOREIGN KEY (record_id) REFERENCES public.records(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.vectors
    ADD CONSTRAINT vector_record_id_vector_settings_id_uq UNIQUE (record_id, vector_settings_id);

ALTER TABLE ONLY public.vectors
    ADD CONSTRAINT vectors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.vectors
    ADD CONSTRAINT vectors_record_id_fkey FOREIGN KEY (record_id) REFERENCES public.records(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.vectors
    ADD CONSTRAINT vectors_vector_settings_id_fkey FOREIGN KEY (vector_settings_id) REFERENCES public.vectors_settings(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.vectors_settings
    ADD CONSTRAINT vector_settings_name_dataset_id_uq UNIQUE (name, dataset_id);

ALTER TABLE ONLY public.vectors_settings
    ADD CONSTRAINT vectors_settings_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES public.datasets(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.vectors_settings
    ADD CONSTRAINT vectors_settings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.webhooks
    ADD CONSTRAINT webhooks_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT workspaces_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.workspaces_users
    ADD CONSTRAINT workspace_id_user_id_uq UNIQUE (workspace_id, user_id);

ALTER TABLE ONLY public.workspaces_users
    ADD CONSTRAINT workspaces_users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.workspaces_users
    ADD CONSTRAINT workspaces_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.workspaces_users
    ADD CONSTRAINT workspaces_users_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE;

CREATE INDEX ix_datasets_name ON public.datasets USING btree (name);

CREATE INDEX ix_datasets_status ON public.datasets USING btree (status);

CREATE INDEX ix_datasets_users_dataset_id ON public.datasets_users USING btree (dataset_id);

CREATE INDEX ix_datasets_users_user_id ON public.datasets_users USING btree (user_id);

CREATE INDEX ix_datasets_workspace_id ON public.datasets USING btree (workspace_id);

CREATE INDEX ix_fields_dataset_id ON public.fields USING btree (dataset_id);

CREATE INDEX ix_fields_name ON public.fields USING btree (name);

CREATE INDEX ix_metadata_properties_dataset_id ON public.metadata_properties USING btree (dataset_id);

CREATE INDEX ix_metadata_properties_name ON public.metadata_properties USING btree (name);

CREATE INDEX ix_questions_dataset_id ON public.questions USING btree (dataset_id);

CREATE INDEX ix_questions_name ON public.questions USING btree (name);

CREATE INDEX ix_records_dataset_id ON public.records USING btree (dataset_id);

CREATE INDEX ix_records_external_id ON public.records USING btree (external_id);

CREATE INDEX ix_records_status ON public.records USING btree (status);

CREATE INDEX ix_responses_record_id ON public.responses USING btree (record_id);

CREATE INDEX ix_responses_status ON public.responses USING btree (status);

CREATE INDEX ix_responses_user_id ON public.responses USING btree (user_id);

CREATE INDEX ix_suggestions_question_id ON public.suggestions USING btree (question_id);

CREATE INDEX ix_suggestions_record_id ON public.suggestions USING btree (record_id);

CREATE INDEX ix_suggestions_type ON public.suggestions USING btree (type);

CREATE INDEX ix_users_role ON public.users USING btree (role);

CREATE INDEX ix_vectors_record_id ON public.vectors USING btree (record_id);

CREATE INDEX ix_vectors_settings_dataset_id ON public.vectors_settings USING btree (dataset_id);

CREATE INDEX ix_vectors_settings_name ON public.vectors_settings USING btree (name);

CREATE INDEX ix_vectors_vector_settings_id ON public.vectors USING btree (vector_settings_id);

CREATE INDEX ix_workspaces_users_user_id ON public.workspaces_users USING btree (user_id);

CREATE INDEX ix_workspaces_users_workspace_id ON public.workspaces_users USING btree (workspace_id);

CREATE TABLE public.datasets (
    id uuid NOT NULL,
    name character varying NOT NULL,
    guidelines text,
    status public.dataset_status_enum NOT NULL,
    workspace_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    allow_extra_metadata boolean DEFAULT true NOT NULL,
    last_activity_at timestamp without time zone NOT NULL,
    distribution json NOT NULL,
    metadata json
);

CREATE TABLE public.datasets_users (
    dataset_id uuid NOT NULL,
    user_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.fields (
    id uuid NOT NULL,
    name character varying NOT NULL,
    title text NOT NULL,
    required boolean DEFAULT false NOT NULL,
    settings json NOT NULL,
    dataset_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.metadata_properties (
    id uuid NOT NULL,
    name character varying NOT NULL,
    title text NOT NULL,
    settings json NOT NULL,
    allowed_roles json DEFAULT '[]'::json NOT NULL,
    dataset_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.questions (
    id uuid NOT NULL,
    name character varying NOT NULL,
    title text NOT NULL,
    description text,
    required boolean DEFAULT false NOT NULL,
    settings json NOT NULL,
    dataset_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.records (
    id uuid NOT NULL,
    fields json NOT NULL,
    external_id character varying,
    dataset_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    metadata json,
    status public.record_status_enum DEFAULT 'pending'::public.record_status_enum NOT NULL
);

CREATE TABLE public.responses (
    id uuid NOT NULL,
    "values" json,
    status public.response_status_enum NOT NULL,
    record_id uuid NOT NULL,
    user_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.suggestions (
    id uuid NOT NULL,
    value json NOT NULL,
    score json,
    agent character varying,
    type public.suggestion_type_enum,
    record_id uuid NOT NULL,
    question_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.users (
    id uuid NOT NULL,
    first_name character varying NOT NULL,
    last_name character varying,
    username character varying NOT NULL,
    role public.user_role_enum NOT NULL,
    api_key text NOT NULL,
    password_hash text NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.vectors (
    value json NOT NULL,
    record_id uuid NOT NULL,
    vector_settings_id uuid NOT NULL,
    id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.vectors_settings (
    name character varying NOT NULL,
    title text NOT NULL,
    dimensions integer NOT NULL,
    dataset_id uuid NOT NULL,
    id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.webhooks (
    id uuid NOT NULL,
    url text NOT NULL,
    secret text NOT NULL,
    events json NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    description text,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.workspaces (
    id uuid NOT NULL,
    name character varying NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.workspaces_users (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    user_id uuid NOT NULL,
    inserted_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TYPE public.dataset_status_enum AS ENUM (
    'draft',
    'ready'
);

CREATE TYPE public.record_status_enum AS ENUM (
    'pending',
    'completed'
);

CREATE TYPE public.response_status_enum AS ENUM (
    'draft',
    'submitted',
    'discarded'
);

CREATE TYPE public.suggestion_type_enum AS ENUM (
    'model',
    'human'
);

CREATE TYPE public.user_role_enum AS ENUM (
    'owner',
    'admin',
    'annotator'
);

CREATE UNIQUE INDEX ix_users_api_key ON public.users USING btree (api_key);

CREATE UNIQUE INDEX ix_users_username ON public.users USING btree (username);

CREATE UNIQUE INDEX ix_workspaces_name ON public.workspaces USING btree (name);
