// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ISupplierRegistry} from "./interfaces/ISupplierRegistry.sol";

/// @title SupplierRegistry
/// @notice Supplier profiles and attested metrics. Holds no money; the escrow reads attestations when a supplier
/// bids against metric floors. See {ISupplierRegistry}.
contract SupplierRegistry is ISupplierRegistry {
    /// @dev One slot: the value and its expiry.
    struct Attestation {
        uint216 value;
        uint40 validUntil;
    }

    mapping(address supplier => bool) private _registered;
    mapping(address attestor => mapping(address supplier => mapping(bytes32 metric => Attestation))) private
        _attestations;

    /// @inheritdoc ISupplierRegistry
    function registerSupplier(string calldata profileURI) external override {
        if (_registered[msg.sender]) revert AlreadyRegistered(msg.sender);
        if (bytes(profileURI).length == 0) revert EmptyProfile();
        _registered[msg.sender] = true;
        emit SupplierRegistered(msg.sender, profileURI);
    }

    /// @inheritdoc ISupplierRegistry
    function updateSupplierProfile(string calldata profileURI) external override {
        if (!_registered[msg.sender]) revert NotRegistered(msg.sender);
        if (bytes(profileURI).length == 0) revert EmptyProfile();
        emit SupplierProfileUpdated(msg.sender, profileURI);
    }

    /// @inheritdoc ISupplierRegistry
    function attest(address supplier, bytes32 metric, uint216 value, uint40 validUntil) external override {
        if (validUntil <= block.timestamp) revert AttestationExpired(validUntil);
        _attestations[msg.sender][supplier][metric] = Attestation({value: value, validUntil: validUntil});
        emit Attested(msg.sender, supplier, metric, value, validUntil);
    }

    /// @inheritdoc ISupplierRegistry
    function revoke(address supplier, bytes32 metric) external override {
        if (_attestations[msg.sender][supplier][metric].validUntil == 0) {
            revert NoAttestation(msg.sender, supplier, metric);
        }
        delete _attestations[msg.sender][supplier][metric];
        emit AttestationRevoked(msg.sender, supplier, metric);
    }

    /// @inheritdoc ISupplierRegistry
    function attestation(address attestor, address supplier, bytes32 metric)
        external
        view
        override
        returns (uint216 value, uint40 validUntil)
    {
        Attestation memory a = _attestations[attestor][supplier][metric];
        return (a.value, a.validUntil);
    }

    /// @inheritdoc ISupplierRegistry
    function isRegistered(address supplier) external view override returns (bool) {
        return _registered[supplier];
    }
}
