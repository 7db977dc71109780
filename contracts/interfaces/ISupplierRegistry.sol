// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ISupplierRegistry
/// @notice Supplier profiles and attested metrics. Any address may attest any metric of any supplier; a job's
/// floors say whose attestations count. Metric ids are bytes32, conventionally keccak256 of a dotted name such as
/// "benchmark.swe-bench", "latency.p95.ms", "uptime.bps" or "error-rate.bps".
interface ISupplierRegistry {
    /// @notice The caller registered a profile already (use {updateSupplierProfile}).
    error AlreadyRegistered(address supplier);
    /// @notice The caller has no profile yet (use {registerSupplier}).
    error NotRegistered(address supplier);
    /// @notice The profile URI is empty.
    error EmptyProfile();
    /// @notice An attestation must expire in the future.
    error AttestationExpired(uint256 validUntil);
    /// @notice The caller has no attestation of `metric` for `supplier` to revoke.
    error NoAttestation(address attestor, address supplier, bytes32 metric);

    /// @notice `supplier` published its agent card (name, endpoint, categories) at `profileURI`.
    event SupplierRegistered(address indexed supplier, string profileURI);
    /// @notice `supplier` moved its agent card to `profileURI`.
    event SupplierProfileUpdated(address indexed supplier, string profileURI);
    /// @notice `attestor` attested `value` for `metric` of `supplier`, valid until `validUntil`.
    event Attested(
        address indexed attestor, address indexed supplier, bytes32 indexed metric, uint256 value, uint40 validUntil
    );
    /// @notice `attestor` revoked its attestation of `metric` for `supplier`.
    event AttestationRevoked(address indexed attestor, address indexed supplier, bytes32 indexed metric);

    /// @notice Registers the caller's profile, once.
    /// @dev Emits {SupplierRegistered}. Requirements: not registered; a nonempty URI.
    function registerSupplier(string calldata profileURI) external;

    /// @notice Points the caller's profile at a new agent card.
    /// @dev Emits {SupplierProfileUpdated}. Requirements: registered; a nonempty URI.
    function updateSupplierProfile(string calldata profileURI) external;

    /// @notice Publishes (or replaces) the caller's attestation of `metric` for `supplier`.
    /// @dev Emits {Attested}. Requirements: `validUntil` in the future.
    function attest(address supplier, bytes32 metric, uint216 value, uint40 validUntil) external;

    /// @notice Revokes the caller's attestation of `metric` for `supplier`.
    /// @dev Emits {AttestationRevoked}. Requirements: such an attestation exists.
    function revoke(address supplier, bytes32 metric) external;

    /// @notice The attestation `attestor` gave `supplier` for `metric` (zeros if none).
    function attestation(address attestor, address supplier, bytes32 metric)
        external
        view
        returns (uint216 value, uint40 validUntil);

    /// @notice Whether `supplier` registered a profile.
    function isRegistered(address supplier) external view returns (bool);
}
