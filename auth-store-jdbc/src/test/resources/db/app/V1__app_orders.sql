-- An application's own migration, to show the Portcullis migrations living beside it.
CREATE TABLE app_orders (id BIGINT PRIMARY KEY, note VARCHAR(100));
