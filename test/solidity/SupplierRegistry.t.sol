// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISupplierRegistry} from "../../contracts/interfaces/ISupplierRegistry.sol";
import {SupplierRegistry} from "../../contracts/SupplierRegistry.sol";
import {Test} from "./utils/Test.sol";

contract SupplierRegistryTest is Test {
    SupplierRegistry internal registry = new SupplierRegistry();
    address internal agent = makeAddr("agent");
    address internal attestor = makeAddr("attestor");
    bytes32 internal constant SWE = keccak256("benchmark.swe-bench");

    function test_registerSupplier_once_thenUpdate() public {
        vm.startPrank(agent);
        vm.expectRevert(abi.encodeWithSelector(ISupplierRegistry.NotRegistered.selector, agent));
        registry.updateSupplierProfile("ipfs://card-v0");
        vm.expectRevert(ISupplierRegistry.EmptyProfile.selector);
        registry.registerSupplier("");
        vm.expectEmit(address(registry));
        emit ISupplierRegistry.SupplierRegistered(agent, "ipfs://card");
        registry.registerSupplier("ipfs://card");
        assertTrue(registry.isRegistered(agent), "registered");
        vm.expectRevert(abi.encodeWithSelector(ISupplierRegistry.AlreadyRegistered.selector, agent));
        registry.registerSupplier("ipfs://card");
        vm.expectRevert(ISupplierRegistry.EmptyProfile.selector);
        registry.updateSupplierProfile("");
        vm.expectEmit(address(registry));
        emit ISupplierRegistry.SupplierProfileUpdated(agent, "ipfs://card-v2");
        registry.updateSupplierProfile("ipfs://card-v2");
        vm.stopPrank();
    }

    function test_attest_replace_revoke() public {
        vm.warp(1_000);
        vm.startPrank(attestor);
        vm.expectRevert(abi.encodeWithSelector(ISupplierRegistry.AttestationExpired.selector, 1_000));
        registry.attest(agent, SWE, 70, 1_000);
        vm.expectEmit(address(registry));
        emit ISupplierRegistry.Attested(attestor, agent, SWE, 70, 2_000);
        registry.attest(agent, SWE, 70, 2_000);
        registry.attest(agent, SWE, 72, 3_000);
        (uint216 value, uint40 validUntil) = registry.attestation(attestor, agent, SWE);
        assertEq(value, 72, "replaced value");
        assertEq(validUntil, 3_000, "replaced expiry");
        vm.expectEmit(address(registry));
        emit ISupplierRegistry.AttestationRevoked(attestor, agent, SWE);
        registry.revoke(agent, SWE);
        (value, validUntil) = registry.attestation(attestor, agent, SWE);
        assertEq(validUntil, 0, "gone");
        vm.expectRevert(abi.encodeWithSelector(ISupplierRegistry.NoAttestation.selector, attestor, agent, SWE));
        registry.revoke(agent, SWE);
        vm.stopPrank();
    }
}
