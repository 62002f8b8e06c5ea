"""The shapes of devices on the wire: signing in, the account's devices, pairing codes."""

from pydantic import Field

from .wire import DEVICE_ID_PATTERN, PAIRING_CODE_PATTERN, Timestamp, WireModel, text


class NewDevice(WireModel):
    """A device to sign in: on a new account, or with a pairing code on an existing one."""

    name: text(1, 60, description="A name the person will recognise, e.g. 'Phone'.") | None = None
    pairing_code: text(pattern=PAIRING_CODE_PATTERN, description="A code from a device already on the account: joins that account instead of making a new one.") | None = None


class Device(WireModel):
    """A device on the account."""

    public_id: str = Field(alias="id")
    name: str
    created_at: Timestamp
    last_seen_at: Timestamp
    current: bool = Field(description="True for the device making the request.")


class DeviceToken(WireModel):
    """A signed-in device and its bearer token."""

    token: str = Field(description="The bearer token. Shown once: the server keeps only its hash.")
    device: Device


class DeviceList(WireModel):
    """Every device on the account."""

    devices: list[Device]


class PairingCode(WireModel):
    code: text(pattern=PAIRING_CODE_PATTERN)
    expires_at: Timestamp


DeviceId = text(pattern=DEVICE_ID_PATTERN)
