-- Device grants (RFC 8628).
-- slowed_down is TRUE while the grant's last poll was answered slow_down: a further early poll then
-- repeats the interval the device was told instead of growing it again (DeviceGrant.poll), so a
-- device whose own pace started below the interval catches up.
-- amr is how the approving user authenticated (RFC 8176 values, space-separated, for example
-- "pwd" or "pwd otp"), set on approval; the device's tokens carry it. Empty until approval (an
-- approval stored before this column reads as "pwd").
ALTER TABLE portcullis_device_grants ADD COLUMN slowed_down BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE portcullis_device_grants ADD COLUMN amr VARCHAR(300) DEFAULT '' NOT NULL;
