-- Device grants (RFC 8628): slowed_down is TRUE while the grant's last poll was answered slow_down.
-- A further early poll then repeats the interval the device was told instead of growing it again
-- (DeviceGrant.poll), so a device whose own pace started below the interval catches up.
ALTER TABLE portcullis_device_grants ADD COLUMN slowed_down BOOLEAN DEFAULT FALSE NOT NULL;
